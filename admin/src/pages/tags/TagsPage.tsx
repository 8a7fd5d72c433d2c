import type { TagRuleSettings, TagView } from '@huiyuan/shared-types'
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useCreateTag, useLastTagRefresh, useRefreshRuleTags, useRemoveTag, useTagRules, useTags, useUpdateTagRules } from '../../api/hooks/tags'
import { useSession } from '../../api/hooks/session'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime } from '../../lib/format'

const ruleFields: Array<[keyof TagRuleSettings, string]> = [
  ['newMemberDays', '新会员：入会不足（天）'],
  ['activeDays', '活跃：消费或签到在（天）内'],
  ['dormantDays', '沉睡：未消费满（天）'],
  ['lostDays', '流失：未消费满（天）'],
  ['couponUserDays', '用券会员：核销在（天）内'],
  ['declineRatioPct', '消费下滑：近 90 天低于前 90 天的（%）'],
  ['rfmHighScore', 'RFM：五分位得分达到即为“高”'],
  ['daypartMinPurchases', '时段偏好：近 12 个月至少消费（次）'],
]

export function TagsPage() {
  const staff = useSession()
  const isHq = staff?.role === 'hq_admin'
  const tags = useTags()
  const create = useCreateTag()
  const remove = useRemoveTag()
  const { message } = App.useApp()
  const [name, setName] = useState('')
  const add = () =>
    create.mutate({ name: name.trim() }, { onSuccess: (t) => { setName(''); void message.success(`已新建标签 ${t.name}`) }, onError: (e) => void message.error(errorText(e)) })
  return (
    <Page title="标签">
      <Card title="标签列表" extra={
        <Space.Compact>
          <Input aria-label="新标签名称" placeholder="新标签名称" value={name} maxLength={32} onChange={(e) => setName(e.target.value)} onPressEnter={() => name.trim() && add()} />
          <Button type="primary" disabled={!name.trim()} loading={create.isPending} onClick={add}>新建标签</Button>
        </Space.Compact>
      }>
        <Table<TagView>
          rowKey="id"
          size="small"
          loading={tags.isLoading}
          dataSource={tags.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '标签', render: (_, t) => <Tag color={t.colour}>{t.name}</Tag> },
            { title: '类型', render: (_, t) => (t.kind === 'rule' ? '规则标签（系统维护）' : '手工标签') },
            { title: '会员数', dataIndex: 'memberCount', align: 'right' },
            { title: '归属', render: (_, t) => (t.ownerStoreId === null ? '总部' : '门店') },
            { title: '说明', render: (_, t) => t.description ?? '—' },
            {
              title: '操作',
              render: (_, t) =>
                t.kind === 'manual' && (
                  <Popconfirm title={`删除标签 ${t.name}？会员身上的该标签会一并移除`} okText="删除" cancelText="取消" onConfirm={() => remove.mutate(t.id, { onSuccess: () => void message.success('已删除'), onError: (e) => void message.error(errorText(e)) })}>
                    <Button size="small" danger>删除</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <RuleSettingsCard editable={isHq} />
    </Page>
  )
}

function RuleSettingsCard({ editable }: { editable: boolean }) {
  const rules = useTagRules()
  const last = useLastTagRefresh()
  const update = useUpdateTagRules()
  const refresh = useRefreshRuleTags()
  const [form] = Form.useForm<TagRuleSettings>()
  const { message } = App.useApp()
  useEffect(() => {
    if (rules.data) form.setFieldsValue(rules.data)
  }, [rules.data, form])
  return (
    <Card title="规则标签阈值" style={{ marginTop: 16 }} extra={
      editable && (
        <Button loading={refresh.isPending} onClick={() => refresh.mutate(undefined, { onSuccess: (r) => void message.success(r ? `已刷新 ${r.members} 位会员，用时 ${(r.durationMs / 1000).toFixed(1)} 秒` : '刷新正在进行中'), onError: (e) => void message.error(errorText(e)) })}>
          立即刷新规则标签
        </Button>
      )
    }>
      <Form form={form} layout="inline" disabled={!editable} onFinish={(v) => update.mutate(v, { onSuccess: () => void message.success('阈值已保存'), onError: (e) => void message.error(errorText(e)) })}>
        {ruleFields.map(([key, label]) => (
          <Form.Item key={key} name={key} label={label} rules={[{ required: true, message: '必填' }]} style={{ marginBottom: 12 }}>
            <InputNumber min={1} max={1095} precision={0} style={{ width: 90 }} />
          </Form.Item>
        ))}
        {editable && <Button type="primary" htmlType="submit" loading={update.isPending}>保存阈值</Button>}
      </Form>
      <div style={{ marginTop: 8, color: '#888' }}>
        {last.data ? `上次刷新：${dateTime(last.data.startedAt)}，${last.data.members} 位会员，用时 ${(last.data.durationMs / 1000).toFixed(1)} 秒，新增 ${last.data.added}、移除 ${last.data.removed}` : '尚未运行过夜间刷新'}
      </div>
    </Card>
  )
}
