import type { AutomationView, MessageTemplateView, UpdateAutomationRequest } from '@huiyuan/shared-types'
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useAutomationOccurrences, useAutomations, useUpdateAutomation } from '../../api/hooks/automations'
import { useCampaignPlaceholders } from '../../api/hooks/campaigns'
import { useMessageTemplates } from '../../api/hooks/subscriptions'
import { CouponTemplateSelect } from '../../components/CouponTemplateSelect'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime } from '../../lib/format'

const copy = {
  title: '自动化',
  intro: '会员生命周期中的关键时刻自动发送订阅消息，可附赠优惠券或积分；每位会员每个时刻至多一次，错过时刻的记为“已过期”，不会补发。',
  enabled: '已开启',
  disabled: '未开启',
  edit: '设置',
  history: '最近触发',
  save: '保存',
  saved: '已保存',
  switchedOn: (name: string) => `已开启「${name}」`,
  switchedOff: (name: string) => `已关闭「${name}」`,
  noCoupon: '不赠券（输入券名称搜索）',
  placeholders: '可用占位符：',
  template: '消息模板',
  templateHint: '在“消息模板”中登记并启用的订阅消息模板；未选择时只发放赠品，不发消息。',
  noTemplate: '选择消息模板',
  timeHint: '按总部所在时区；到点后每小时检查一次，当天每位会员至多提醒一次。',
  noAwards: '此消息只发给订阅了它的会员，不能附赠优惠券或积分（微信禁止以奖励诱导订阅）。',
}

export function AutomationsPage() {
  const automations = useAutomations()
  const templates = useMessageTemplates()
  const templateTitles = new Map((templates.data ?? []).filter((t) => t.active).map((t) => [t.id, t.title]))
  const update = useUpdateAutomation()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<AutomationView | null>(null)
  const [history, setHistory] = useState<AutomationView | null>(null)
  const toggle = (a: AutomationView, enabled: boolean) =>
    update.mutate({ id: a.id, body: { enabled } }, { onSuccess: () => void message.success(enabled ? copy.switchedOn(a.name) : copy.switchedOff(a.name)), onError: (e) => void message.error(errorText(e)) })
  return (
    <Page title={copy.title}>
      <Card>
        <p style={{ marginTop: 0, color: '#666' }}>{copy.intro}</p>
        <Table<AutomationView>
          rowKey="id"
          size="middle"
          loading={automations.isLoading}
          dataSource={automations.data ?? []}
          pagination={false}
          columns={[
            { title: '自动化', render: (_, a) => <div><strong>{a.name}</strong><div style={{ color: '#888', fontSize: 12 }}>{a.description}</div></div> },
            { title: '时机', render: (_, a) => (a.timingLabel ? a.timingLabel.replace('N', String(a.timing.days)) : a.timeLabel ? `每天 ${a.timing.time ?? ''}` : '事件发生时') },
            { title: '赠券', render: (_, a) => a.couponTitle ?? '—' },
            { title: '赠积分', render: (_, a) => (a.pointsAward > 0 ? a.pointsAward : '—') },
            { title: '消息模板', render: (_, a) => (a.templateId === null ? <Tag>未选择</Tag> : (templateTitles.get(a.templateId) ?? <Tag color="red">已停用或删除</Tag>)) },
            { title: '近 30 天', render: (_, a) => `触发 ${a.last30Days.fired}，过期 ${a.last30Days.expired}` },
            { title: '状态', render: (_, a) => <Switch aria-label={`${a.name}开关`} checked={a.enabled} checkedChildren={copy.enabled} unCheckedChildren={copy.disabled} loading={update.isPending && update.variables?.id === a.id} onChange={(on) => toggle(a, on)} /> },
            { title: '操作', render: (_, a) => <Space><Button size="small" onClick={() => setEditing(a)}>{copy.edit}</Button><Button size="small" onClick={() => setHistory(a)}>{copy.history}</Button></Space> },
          ]}
        />
      </Card>
      {editing && <AutomationDrawer automation={editing} onClose={() => setEditing(null)} />}
      {history && <OccurrencesDrawer automation={history} onClose={() => setHistory(null)} />}
    </Page>
  )
}

interface FormValues {
  templateId: number | null
  page: string | null
  couponTemplateId: number | null
  pointsAward: number
  days: number
  time: string
  fieldValues: Record<string, string>
}

/** HH:MM, 00:00–23:59, as the server checks it. */
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/

/** The template is picked from those registered in 消息模板; its fields then come from the template itself. */
function AutomationDrawer({ automation, onClose }: { automation: AutomationView; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>()
  const update = useUpdateAutomation()
  const templates = useMessageTemplates()
  const placeholders = useCampaignPlaceholders()
  const { message } = App.useApp()
  const active = (templates.data ?? []).filter((t) => t.active || t.id === automation.templateId)
  const templateId = Form.useWatch('templateId', form)
  const template: MessageTemplateView | undefined = active.find((t) => t.id === templateId)
  useEffect(() => {
    form.setFieldsValue({
      templateId: automation.templateId,
      page: automation.page,
      couponTemplateId: automation.couponTemplateId,
      pointsAward: automation.pointsAward,
      days: automation.timing.days,
      time: automation.timing.time ?? '',
      fieldValues: automation.fieldValues,
    })
  }, [automation, form])
  useEffect(() => {
    if (template && !form.getFieldValue('page')) form.setFieldValue('page', template.page)
  }, [template, form])
  const save = (v: FormValues) => {
    const body: UpdateAutomationRequest = {
      templateId: v.templateId ?? null,
      page: v.page?.trim() || null,
      ...(automation.awards ? { couponTemplateId: v.couponTemplateId ?? null, pointsAward: v.pointsAward ?? 0 } : {}),
      // Only the chosen template's fields are kept: a value for a field it lacks would never be shown.
      ...(template ? { fieldValues: Object.fromEntries(template.fields.map((f) => [f.key, v.fieldValues?.[f.key] ?? ''])) } : {}),
      ...(automation.timingLabel || automation.timeLabel ? { timing: { days: v.days ?? 0, ...(automation.timeLabel ? { time: v.time } : {}) } } : {}),
    }
    update.mutate({ id: automation.id, body }, { onSuccess: () => { void message.success(copy.saved); onClose() }, onError: (e) => void message.error(errorText(e)) })
  }
  const own = Object.entries(automation.extraPlaceholders)
  return (
    <Drawer open width={600} title={`设置「${automation.name}」`} onClose={onClose} extra={<Button type="primary" loading={update.isPending} onClick={() => form.submit()}>{copy.save}</Button>}>
      <Form form={form} layout="vertical" onFinish={save}>
        {automation.timingLabel && (
          <Form.Item name="days" label={automation.timingLabel} rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={0} max={60} precision={0} addonAfter="天" />
          </Form.Item>
        )}
        {automation.timeLabel && (
          <Form.Item name="time" label={automation.timeLabel} extra={copy.timeHint} rules={[{ required: true, message: '请填写时间' }, { pattern: CLOCK, message: '时间格式为 HH:MM，如 20:00' }]}>
            <Input style={{ width: 120 }} placeholder="20:00" />
          </Form.Item>
        )}
        <Form.Item name="templateId" label={copy.template} extra={copy.templateHint}>
          <Select
            allowClear
            aria-label={copy.template}
            placeholder={copy.noTemplate}
            loading={templates.isLoading}
            options={active.map((t) => ({ value: t.id, label: `${t.title}（${t.purpose === 'service' ? '服务通知' : '营销'}，${t.membersWithQuota} 人可接收）` }))}
          />
        </Form.Item>
        {template?.fields.map((f) => (
          <Form.Item key={f.key} name={['fieldValues', f.key]} label={`${f.label}（${f.key}）`} rules={[{ required: true, message: `请填写「${f.label}」` }, { max: 200 }]}>
            <Input placeholder="可使用占位符，如 {nickname}" />
          </Form.Item>
        ))}
        {template && (
          <Typography.Paragraph type="secondary">
            {copy.placeholders}
            {(placeholders.data ?? []).map((p) => <Tag key={p.name} title={p.label}>{`{${p.name}}`}</Tag>)}
            {own.map(([name, label]) => <Tag key={name} color="blue" title={label}>{`{${name}}`}</Tag>)}
          </Typography.Paragraph>
        )}
        <Form.Item name="page" label="点击消息打开的页面"><Input placeholder="pages/card/index" /></Form.Item>
        {automation.awards ? (
          <>
            <Form.Item name="couponTemplateId" label="赠送优惠券">
              <CouponTemplateSelect allowClear owner="hq" placeholder={copy.noCoupon} aria-label="赠送优惠券" currentLabel={automation.couponTitle ?? undefined} />
            </Form.Item>
            <Form.Item name="pointsAward" label="赠送积分" extra={automation.kind === 'points_changed' ? '积分变动提醒不能赠积分' : undefined}>
              <InputNumber min={0} max={100000} precision={0} disabled={automation.kind === 'points_changed'} />
            </Form.Item>
          </>
        ) : (
          <Alert type="info" showIcon message={copy.noAwards} />
        )}
      </Form>
    </Drawer>
  )
}

function OccurrencesDrawer({ automation, onClose }: { automation: AutomationView; onClose: () => void }) {
  const rows = useAutomationOccurrences(automation.id)
  return (
    <Drawer open width={720} title={`「${automation.name}」最近触发`} onClose={onClose}>
      <Table
        rowKey="id"
        size="small"
        loading={rows.isLoading}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '时间', render: (_, o) => dateTime(o.createdAt) },
          { title: '会员', render: (_, o) => `${o.nickname ?? '会员'}（${o.cardNo}）` },
          { title: '时刻', dataIndex: 'occurrenceKey' },
          { title: '结果', render: (_, o) => (o.status === 'fired' ? <Tag color="green">已触发</Tag> : <Tag>已过期</Tag>) },
          { title: '赠送', render: (_, o) => [o.couponCode ? `券 ${o.couponCode}` : null, o.points > 0 ? `${o.points} 积分` : null].filter(Boolean).join('，') || '—' },
        ]}
      />
    </Drawer>
  )
}
