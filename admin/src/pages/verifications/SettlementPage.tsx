import type { CouponSettlementRow } from '@huiyuan/shared-types'
import { Alert, DatePicker, Space, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useSettlement } from '../../api/hooks/coupons'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { businessToday, yuan } from '../../lib/format'

/** Coupons issued by one store and used at another, for settling between stores. */
export function SettlementPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs(businessToday()).startOf('month'), dayjs(businessToday())])
  const from = range[0].format('YYYY-MM-DD')
  const to = range[1].format('YYYY-MM-DD')
  const report = useSettlement(from, to)
  const rows = report.data?.items ?? []
  return (
    <Page title="跨店结算">
      <Space style={{ marginBottom: 16 }}>
        <span>核销日期</span>
        <DatePicker.RangePicker aria-label="核销日期" value={range} allowClear={false} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} />
      </Space>
      {report.isError && <Alert type="error" message={errorText(report.error)} style={{ marginBottom: 16 }} />}
      <Table<CouponSettlementRow>
        rowKey={(r) => `${r.issuedStore.code}-${r.usedStore.code}`}
        loading={report.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '这段时间没有跨店核销' }}
        columns={[
          { title: '发券门店', render: (_, r) => r.issuedStore.name },
          { title: '核销门店', render: (_, r) => r.usedStore.name },
          { title: '张数', dataIndex: 'count', sorter: (a, b) => a.count - b.count },
          { title: '满减面值合计', render: (_, r) => yuan(r.cashOffCents), sorter: (a, b) => a.cashOffCents - b.cashOffCents },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}><Typography.Text strong>合计</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{rows.reduce((n, r) => n + r.count, 0)}</Table.Summary.Cell>
            <Table.Summary.Cell index={3}>{yuan(rows.reduce((n, r) => n + r.cashOffCents, 0))}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>折扣券与礼品券按张数结算。</Typography.Paragraph>
    </Page>
  )
}
