import type { AuditQuery, AuditRecord } from '@huiyuan/shared-types'
import { useQuery } from '@tanstack/react-query'
import { Button, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { auditApi } from '../../api/endpoints/audit'
import { queryKeys } from '../../api/query-keys'
import { Page } from '../../components/Page'
import { dateTime, roleNames } from '../../lib/format'
import { auditActionName, auditActionNames } from './audit-actions'

const PAGE_SIZE = 20

interface Filters {
  action?: string
  targetType?: string
  targetId?: string
  staffId?: string
  range?: [Dayjs, Dayjs] | null
}

/** The object types the server audits (targetType), in Chinese. */
const targetTypes = [
  { value: 'member', label: '会员' },
  { value: 'staff', label: '员工' },
  { value: 'store', label: '门店' },
  { value: 'tier', label: '等级' },
  { value: 'programme', label: '积分规则' },
  { value: 'programme_setting', label: '签到与推荐规则' },
  { value: 'reward', label: '积分商城' },
  { value: 'coupon_template', label: '券模板' },
  { value: 'coupon', label: '券' },
  { value: 'purchase', label: '消费' },
  { value: 'referral', label: '推荐' },
  { value: 'tag', label: '标签' },
  { value: 'segment', label: '人群' },
  { value: 'export', label: '导出' },
  { value: 'import', label: '导入' },
]

const toQuery = (f: Filters): AuditQuery => ({
  action: f.action || undefined,
  targetType: f.targetType || undefined,
  targetId: f.targetId?.trim() || undefined,
  staffId: f.staffId?.trim() ? Number(f.staffId) : undefined,
  from: f.range?.[0]?.format('YYYY-MM-DD'),
  to: f.range?.[1]?.format('YYYY-MM-DD'),
})

/** Newest first, paged by cursor: 下一页 follows the server's cursor, 上一页 goes back through the ones seen. */
export function AuditPage() {
  const [form] = Form.useForm<Filters>()
  const [query, setQuery] = useState<AuditQuery>({})
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined])
  const before = cursors[cursors.length - 1]
  const page = useQuery({ queryKey: queryKeys.audit({ ...query, before }), queryFn: () => auditApi.list({ ...query, before, limit: PAGE_SIZE }) })
  const search = (f: Filters) => {
    setQuery(toQuery(f))
    setCursors([undefined])
  }
  return (
    <Page title="审计日志">
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="action" label="操作">
          <Select
            aria-label="操作"
            placeholder="全部操作"
            autoFocus
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 180 }}
            options={Object.entries(auditActionNames).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="targetType" label="对象">
          <Select aria-label="对象类型" allowClear options={targetTypes} style={{ width: 140 }} placeholder="全部" />
        </Form.Item>
        <Form.Item name="targetId" label="对象编号">
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="staffId" label="员工编号" rules={[{ pattern: /^\d*$/, message: '请输入数字' }]}>
          <Input allowClear style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">查询</Button>
        </Form.Item>
      </Form>
      <Table<AuditRecord>
        rowKey="id"
        size="small"
        loading={page.isLoading}
        dataSource={page.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '没有符合条件的操作记录' }}
        expandable={{ expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify({ 修改前: r.before, 修改后: r.after }, null, 2)}</pre>, rowExpandable: (r) => r.before !== null || r.after !== null }}
        columns={[
          { title: '时间', width: 150, render: (_, r) => dateTime(r.createdAt) },
          { title: '员工', width: 140, render: (_, r) => (r.staffId ? `#${r.staffId} ${r.role ? roleNames[r.role as keyof typeof roleNames] ?? r.role : ''}` : '系统') },
          { title: '操作', width: 160, render: (_, r) => <Typography.Text title={r.action}>{auditActionName(r.action)}</Typography.Text> },
          { title: '对象', width: 180, render: (_, r) => `${targetTypes.find((t) => t.value === r.targetType)?.label ?? r.targetType}${r.targetId ? ` #${r.targetId}` : ''}` },
          { title: '内容', dataIndex: 'summary' },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>上一页</Button>
        <span aria-label="审计分页">
          第 {cursors.length} / {Math.max(1, Math.ceil((page.data?.total ?? 0) / PAGE_SIZE))} 页，共 {page.data?.total ?? 0} 条
        </span>
        <Button disabled={!page.data?.nextCursor} onClick={() => setCursors((c) => [...c, Number(page.data?.nextCursor)])}>下一页</Button>
      </Space>
    </Page>
  )
}
