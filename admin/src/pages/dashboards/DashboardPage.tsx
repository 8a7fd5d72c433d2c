import type { DashboardQuery } from '@huiyuan/shared-types'
import { ReloadOutlined } from '@ant-design/icons'
import { Button, Col, DatePicker, Row, Select, Space, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useDashboardStatus, useRefreshDashboards } from '../../api/hooks/dashboards'
import { useScope, useSession } from '../../api/hooks/session'
import { useStores } from '../../api/hooks/stores'
import { Page } from '../../components/Page'
import { businessToday, dateTime, storeKindNames } from '../../lib/format'
import { CampaignsPanel, CheckinsPanel, CouponsPanel, MembersPanel, PointsPanel, ReferralsPanel, RfmPanel } from './panels'

const copy = {
  title: '数据看板',
  range: '统计日期',
  store: '门店',
  allStores: '全部可见门店',
  asOf: (at: string) => `数据更新于 ${at}`,
  never: '数据尚未汇总',
  refresh: '立即更新',
  presets: { '近 7 天': 6, '近 30 天': 29, '近 90 天': 89 } as Record<string, number>,
}

/** HQ and managers read the programme's figures for a range of days, across the stores they see or one of them. */
export function DashboardPage() {
  const me = useSession()
  const scope = useScope()
  const stores = useStores()
  const today = dayjs(businessToday())
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [today.subtract(29, 'day'), today])
  const [storeCode, setStoreCode] = useState<string>(scope ?? '')
  const query: DashboardQuery = useMemo(
    () => ({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), ...(storeCode ? { storeCode } : {}) }),
    [range, storeCode],
  )
  const status = useDashboardStatus()
  const refresh = useRefreshDashboards()
  const isHq = me?.role === 'hq_admin'

  return (
    <Page
      title={copy.title}
      extra={
        <Space>
          <Typography.Text type="secondary">{status.data?.asOf ? copy.asOf(dateTime(status.data.asOf)) : copy.never}</Typography.Text>
          {isHq && (
            <Button icon={<ReloadOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()}>
              {copy.refresh}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{copy.range}</span>
        <DatePicker.RangePicker
          aria-label={copy.range}
          value={range}
          allowClear={false}
          disabledDate={(d) => d.isAfter(today, 'day')}
          presets={Object.entries(copy.presets).map(([label, back]) => ({ label, value: [today.subtract(back, 'day'), today] as [Dayjs, Dayjs] }))}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
        />
        <span>{copy.store}</span>
        <Select
          aria-label={copy.store}
          style={{ width: 240 }}
          value={storeCode}
          loading={stores.isLoading}
          onChange={setStoreCode}
          showSearch
          optionFilterProp="label"
          options={[{ value: '', label: copy.allStores }, ...(stores.data ?? []).filter((s) => s.kind !== 'hq').map((s) => ({ value: s.code, label: `${storeKindNames[s.kind]} · ${s.name}（${s.code}）` }))]}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <MembersPanel query={query} />
        </Col>
        <Col span={24}>
          <PointsPanel query={query} />
        </Col>
        <Col xs={24} xl={12}>
          <CheckinsPanel query={query} />
        </Col>
        <Col xs={24} xl={12}>
          <ReferralsPanel query={query} />
        </Col>
        <Col span={24}>
          <CouponsPanel query={query} />
        </Col>
        <Col span={24}>
          <CampaignsPanel query={query} />
        </Col>
        <Col span={24}>
          <RfmPanel storeCode={query.storeCode} />
        </Col>
      </Row>
    </Page>
  )
}
