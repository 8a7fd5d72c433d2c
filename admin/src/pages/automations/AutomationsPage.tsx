import type { AutomationView, UpdateAutomationRequest } from '@huiyuan/shared-types'
import { App, Button, Card, Drawer, Form, Input, InputNumber, Space, Switch, Table, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useAutomationOccurrences, useAutomations, useUpdateAutomation } from '../../api/hooks/automations'
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
  placeholders: '可用占位符：{nickname} 昵称、{points} 积分、{tier} 等级、{store} 门店、{coupon} 券名、{expiry} 到期日、{date} 日期',
}

export function AutomationsPage() {
  const automations = useAutomations()
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
            { title: '时机', render: (_, a) => (a.timingLabel ? a.timingLabel.replace('N', String(a.timing.days)) : '事件发生时') },
            { title: '赠券', render: (_, a) => a.couponTitle ?? '—' },
            { title: '赠积分', render: (_, a) => (a.pointsAward > 0 ? a.pointsAward : '—') },
            { title: '消息模板', render: (_, a) => (a.templateId === null ? <Tag>未选择</Tag> : `#${a.templateId}`) },
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
  fields: Array<{ key: string; value: string }>
}

function AutomationDrawer({ automation, onClose }: { automation: AutomationView; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>()
  const update = useUpdateAutomation()
  const { message } = App.useApp()
  useEffect(() => {
    form.setFieldsValue({
      templateId: automation.templateId,
      page: automation.page,
      couponTemplateId: automation.couponTemplateId,
      pointsAward: automation.pointsAward,
      days: automation.timing.days,
      fields: Object.entries(automation.fieldValues).map(([key, value]) => ({ key, value })),
    })
  }, [automation, form])
  const save = (v: FormValues) => {
    const body: UpdateAutomationRequest = {
      templateId: v.templateId ?? null,
      page: v.page?.trim() || null,
      couponTemplateId: v.couponTemplateId ?? null,
      pointsAward: v.pointsAward ?? 0,
      fieldValues: Object.fromEntries((v.fields ?? []).filter((f) => f?.key).map((f) => [f.key.trim(), f.value ?? ''])),
      ...(automation.timingLabel ? { timing: { days: v.days ?? 0 } } : {}),
    }
    update.mutate({ id: automation.id, body }, { onSuccess: () => { void message.success(copy.saved); onClose() }, onError: (e) => void message.error(errorText(e)) })
  }
  return (
    <Drawer open width={560} title={`设置「${automation.name}」`} onClose={onClose} extra={<Button type="primary" loading={update.isPending} onClick={() => form.submit()}>{copy.save}</Button>}>
      <Form form={form} layout="vertical" onFinish={save}>
        {automation.timingLabel && (
          <Form.Item name="days" label={automation.timingLabel} rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={0} max={60} precision={0} addonAfter="天" />
          </Form.Item>
        )}
        <Form.Item name="templateId" label="订阅消息模板 ID" extra="在“消息模板”中登记的模板编号">
          <InputNumber min={1} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="消息字段" extra={copy.placeholders}>
          <Form.List name="fields">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: '字段名' }]}><Input placeholder="thing1" style={{ width: 120 }} /></Form.Item>
                    <Form.Item name={[f.name, 'value']}><Input placeholder="{nickname}，生日快乐" style={{ width: 300 }} /></Form.Item>
                    <Button type="link" danger onClick={() => remove(f.name)}>移除</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ key: '', value: '' })}>添加字段</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="page" label="点击消息打开的页面"><Input placeholder="pages/card/index" /></Form.Item>
        <Form.Item name="couponTemplateId" label="赠送优惠券">
          <CouponTemplateSelect allowClear owner="hq" placeholder={copy.noCoupon} aria-label="赠送优惠券" currentLabel={automation.couponTitle ?? undefined} />
        </Form.Item>
        <Form.Item name="pointsAward" label="赠送积分" extra={automation.kind === 'points_changed' ? '积分变动提醒不能赠积分' : undefined}>
          <InputNumber min={0} max={100000} precision={0} disabled={automation.kind === 'points_changed'} />
        </Form.Item>
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
