import type { CareTaskCompletionRow, CareTaskKind, CareTaskRules, CareTaskView } from '@huiyuan/shared-types'
import { App, Button, Card, DatePicker, Form, InputNumber, Progress, Space, Switch, Table, Tag } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { useCareTaskCompletion, useCareTaskRules, useUpdateCareTaskRules } from '../../api/hooks/automations'
import { useSession } from '../../api/hooks/session'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { businessToday, dateTime } from '../../lib/format'

const kindNames: Record<CareTaskKind, string> = {
  new_member: '新会员回访',
  first_purchase: '首次消费回访',
  birthday: '生日问候',
  dormant: '沉睡会员唤醒',
  spend_drop: '消费下滑关怀',
}
const outcomeNames = { called: '已联系', no_answer: '未接通', visit_booked: '已预约到店', not_interested: '无意向' } as const
const offsetLabels: Record<CareTaskKind, string> = {
  new_member: '入会后第几天出现',
  first_purchase: '首次消费后第几天出现',
  birthday: '生日前几天出现',
  dormant: '标记沉睡后第几天出现',
  spend_drop: '发现后第几天出现',
}

export function CareTasksPage() {
  const staff = useSession()
  const today = businessToday()
  const [range, setRange] = useState<[string, string]>([dayjs(today).subtract(29, 'day').format('YYYY-MM-DD'), today])
  const completion = useCareTaskCompletion(range[0], range[1])
  return (
    <Page title="关怀任务">
      <Card title="完成情况（按店员）" extra={
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])
          }}
        />
      }>
        <Table<CareTaskCompletionRow>
          rowKey={(r) => r.clerk.id}
          size="small"
          loading={completion.isLoading}
          dataSource={completion.data?.rows ?? []}
          pagination={false}
          locale={{ emptyText: '期间内没有关怀任务' }}
          columns={[
            { title: '门店', render: (_, r) => r.store.name },
            { title: '店员（维护人）', render: (_, r) => r.clerk.name },
            { title: '待处理', dataIndex: 'open', align: 'right' },
            { title: '已完成', dataIndex: 'done', align: 'right' },
            { title: '已过期', dataIndex: 'expired', align: 'right' },
            { title: '完成率', render: (_, r) => (r.completionRate === null ? '—' : <Progress percent={Math.round(r.completionRate * 100)} size="small" style={{ width: 140 }} />) },
          ]}
        />
      </Card>
      <Card title="最近处理的任务" style={{ marginTop: 16 }}>
        <Table<CareTaskView>
          rowKey="id"
          size="small"
          loading={completion.isLoading}
          dataSource={completion.data?.recent ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '任务', render: (_, t) => kindNames[t.kind] },
            { title: '会员', render: (_, t) => <Link to={`/member-360/${t.member.id}`}>{t.member.nickname ?? '会员'}（{t.member.cardNo}）</Link> },
            { title: '结果', render: (_, t) => (t.status === 'expired' ? <Tag>已过期</Tag> : <Tag color="green">{t.outcome ? outcomeNames[t.outcome] : '已完成'}</Tag>) },
            { title: '备注', render: (_, t) => t.note ?? '—' },
            { title: '处理人', render: (_, t) => t.doneBy?.name ?? '—' },
            { title: '时间', render: (_, t) => dateTime(t.doneAt) },
          ]}
        />
      </Card>
      <RulesCard editable={staff?.role === 'hq_admin'} />
    </Page>
  )
}

function RulesCard({ editable }: { editable: boolean }) {
  const rules = useCareTaskRules()
  const update = useUpdateCareTaskRules()
  const [form] = Form.useForm<CareTaskRules>()
  const { message } = App.useApp()
  useEffect(() => {
    if (rules.data) form.setFieldsValue(rules.data)
  }, [rules.data, form])
  const kinds = Object.keys(kindNames) as CareTaskKind[]
  return (
    <Card title="任务规则" style={{ marginTop: 16 }} extra={editable && <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>保存规则</Button>}>
      <Form form={form} disabled={!editable} onFinish={(v: CareTaskRules) => update.mutate(v, { onSuccess: () => void message.success('规则已保存，下一次生成任务时生效'), onError: (e) => void message.error(errorText(e)) })}>
        {kinds.map((kind) => (
          <Space key={kind} size="large" style={{ display: 'flex' }}>
            <strong style={{ width: 110, display: 'inline-block' }}>{kindNames[kind]}</strong>
            <Form.Item name={[kind, 'enabled']} valuePropName="checked" label="启用"><Switch /></Form.Item>
            <Form.Item name={[kind, 'offsetDays']} label={offsetLabels[kind]} rules={[{ required: true, message: '必填' }]}><InputNumber min={0} max={60} precision={0} style={{ width: 70 }} /></Form.Item>
            <Form.Item name={[kind, 'windowDays']} label="保留天数" hidden={kind === 'birthday'} rules={[{ required: true, message: '必填' }]}><InputNumber min={1} max={60} precision={0} style={{ width: 70 }} /></Form.Item>
          </Space>
        ))}
      </Form>
      <div style={{ color: '#888' }}>任务每小时生成一次，分配给会员的维护人；生日问候在生日当天过期，其余任务超过保留天数过期。</div>
    </Card>
  )
}
