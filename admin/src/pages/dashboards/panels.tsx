import type { CampaignsDashboard, CouponsDashboard, DashboardQuery, RfmDashboard } from '@huiyuan/shared-types'
import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useMemo } from 'react'
import { useCampaignsDashboard, useCheckinsDashboard, useCouponsDashboard, useMembersDashboard, usePointsDashboard, useReferralsDashboard, useRfmDashboard } from '../../api/hooks/dashboards'
import { errorText } from '../../lib/errors'
import { yuan } from '../../lib/format'
import { categoryBarsOption, ChartCard, daySeriesOption } from './Chart'

const streakNames: Record<string, string> = { '1': '第 1 天', '2-3': '第 2–3 天', '4-7': '第 4–7 天', '8-14': '第 8–14 天', '15-30': '第 15–30 天', '31+': '31 天以上' }
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`)

/** A panel's frame: its title, an error in words, a skeleton while it loads. */
function Panel({ title, query, children }: { title: string; query: { isLoading: boolean; isError: boolean; error: unknown }; children: ReactNode }) {
  return (
    <Card title={title} size="small">
      {query.isError ? <Alert type="error" message={errorText(query.error)} /> : query.isLoading ? <Skeleton active paragraph={{ rows: 6 }} /> : children}
    </Card>
  )
}

function Figures({ items }: { items: Array<{ title: string; value: number | string; hint?: string }> }) {
  return (
    <Row gutter={16} style={{ marginBottom: 12 }}>
      {items.map((i) => (
        <Col key={i.title} flex="1 1 120px">
          <Statistic title={i.hint ? <span title={i.hint}>{i.title}</span> : i.title} value={i.value} groupSeparator="," />
        </Col>
      ))}
    </Row>
  )
}

export function MembersPanel({ query }: { query: DashboardQuery }) {
  const q = useMembersDashboard(query)
  const d = q.data
  const growth = useMemo(() => d && daySeriesOption(d.daily.map((x) => x.day), [{ name: '新增会员', values: d.daily.map((x) => x.joined), type: 'bar' }, { name: '累计入会', values: d.daily.map((x) => x.cumulative) }]), [d])
  const tiers = useMemo(() => d && categoryBarsOption(d.byTier.map((t) => t.tierName), [{ name: '会员数', values: d.byTier.map((t) => t.count) }]), [d])
  const stores = useMemo(() => d && categoryBarsOption(d.byStore.slice(0, 10).map((s) => s.store.name), [{ name: '会员数', values: d.byStore.slice(0, 10).map((s) => s.count) }]), [d])
  return (
    <Panel title="会员" query={q}>
      {d && growth && tiers && stores && (
        <>
          <Figures
            items={[
              { title: '会员总数', value: d.total },
              { title: '期间新增', value: d.joinedInRange },
              { title: '活跃', value: d.active, hint: '近 30 天有消费或签到' },
              { title: '沉睡', value: d.dormant, hint: '较长时间未消费，尚未流失' },
              { title: '流失', value: d.lost },
            ]}
          />
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <ChartCard title="每日新增与增长" label="每日新增与累计会员" option={growth} />
            </Col>
            <Col xs={24} xl={6}>
              <ChartCard title="按等级" label="按等级的会员数" option={tiers} />
            </Col>
            <Col xs={24} xl={6}>
              <ChartCard title="按入会门店" label="按入会门店的会员数" option={stores} />
            </Col>
          </Row>
        </>
      )}
    </Panel>
  )
}

export function PointsPanel({ query }: { query: DashboardQuery }) {
  const q = usePointsDashboard(query)
  const d = q.data
  const daily = useMemo(
    () =>
      d &&
      daySeriesOption(
        d.daily.map((x) => x.day),
        [
          { name: '发放', values: d.daily.map((x) => x.issued), type: 'bar' },
          { name: '消耗', values: d.daily.map((x) => x.spent), type: 'bar' },
          { name: '过期', values: d.daily.map((x) => x.expired), type: 'bar' },
          { name: '扣回', values: d.daily.map((x) => x.clawedBack), type: 'bar' },
        ],
      ),
    [d],
  )
  return (
    <Panel title="积分" query={q}>
      {d && daily && (
        <>
          <Figures
            items={[
              { title: '发放积分', value: d.issued },
              { title: '消耗积分', value: d.spent },
              { title: '过期积分', value: d.expired },
              { title: '退款扣回', value: d.clawedBack, hint: '退款扣回与负向调整' },
              { title: '未兑付积分', value: d.liability, hint: '会员当前持有、尚未使用或过期的积分' },
              { title: '积分负债', value: yuan(d.liabilityValueCents), hint: `按每 100 积分成本 ${yuan(d.costPer100PointsCents)} 计` },
            ]}
          />
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <ChartCard title="每日积分" label="每日积分发放、消耗与过期" option={daily} />
            </Col>
            <Col xs={24} xl={10}>
              <Typography.Text strong>按门店</Typography.Text>
              <Table
                size="small"
                rowKey={(r) => r.store.code || 'none'}
                dataSource={d.byStore}
                pagination={{ pageSize: 6, hideOnSinglePage: true }}
                columns={[
                  { title: '门店', render: (_, r) => r.store.name },
                  { title: '发放', dataIndex: 'issued', align: 'right' },
                  { title: '消耗', dataIndex: 'spent', align: 'right' },
                  { title: '过期', dataIndex: 'expired', align: 'right' },
                  { title: '未兑付', dataIndex: 'liability', align: 'right' },
                ]}
              />
            </Col>
          </Row>
        </>
      )}
    </Panel>
  )
}

export function CheckinsPanel({ query }: { query: DashboardQuery }) {
  const q = useCheckinsDashboard(query)
  const d = q.data
  const daily = useMemo(() => d && daySeriesOption(d.daily.map((x) => x.day), [{ name: '签到', values: d.daily.map((x) => x.checkins) }, { name: '其中补签', values: d.daily.map((x) => x.makeups) }]), [d])
  const streaks = useMemo(() => d && categoryBarsOption(d.streaks.map((s) => streakNames[s.bucket] ?? s.bucket), [{ name: '签到次数', values: d.streaks.map((s) => s.count) }]), [d])
  return (
    <Panel title="签到" query={q}>
      {d && daily && streaks && (
        <>
          <Figures items={[{ title: '签到次数', value: d.total }, { title: '其中补签', value: d.makeups }]} />
          <ChartCard title="每日签到" label="每日签到" option={daily} height={220} />
          <ChartCard title="连续签到分布" note="期间的签到按其在连续签到中的第几天分组" label="连续签到分布" option={streaks} height={200} />
        </>
      )}
    </Panel>
  )
}

export function ReferralsPanel({ query }: { query: DashboardQuery }) {
  const q = useReferralsDashboard(query)
  const d = q.data
  const daily = useMemo(
    () =>
      d &&
      daySeriesOption(
        d.daily.map((x) => x.day),
        [
          { name: '邀请入会', values: d.daily.map((x) => x.invited) },
          { name: '达标', values: d.daily.map((x) => x.qualified) },
          { name: '已奖励', values: d.daily.map((x) => x.rewarded) },
          { name: '待审核', values: d.daily.map((x) => x.flagged) },
        ],
      ),
    [d],
  )
  return (
    <Panel title="推荐有礼" query={q}>
      {d && daily && (
        <>
          <Figures
            items={[
              { title: '邀请入会', value: d.invited },
              { title: '达标', value: d.qualified },
              { title: '已奖励', value: d.rewarded },
              { title: '被标记', value: d.flagged, hint: '同一人、超出上限等，转人工审核' },
            ]}
          />
          <ChartCard title="每日推荐" label="每日推荐" option={daily} height={420} />
        </>
      )}
    </Panel>
  )
}

type TemplateRow = CouponsDashboard['templates'][number]
type CrossRow = CouponsDashboard['crossStorePairs'][number]

export function CouponsPanel({ query }: { query: DashboardQuery }) {
  const q = useCouponsDashboard(query)
  const d = q.data
  const daily = useMemo(
    () =>
      d &&
      daySeriesOption(
        d.daily.map((x) => x.day),
        [
          { name: '发放', values: d.daily.map((x) => x.issued) },
          { name: '核销', values: d.daily.map((x) => x.verified) },
          { name: '过期', values: d.daily.map((x) => x.expired) },
        ],
      ),
    [d],
  )
  return (
    <Panel title="优惠券" query={q}>
      {d && daily && (
        <>
          <Figures
            items={[
              { title: '发放', value: d.issued },
              { title: '商城兑换', value: d.redeemedInMall },
              { title: '门店核销', value: d.verified },
              { title: '过期', value: d.expired },
              { title: '跨店核销', value: d.crossStore, hint: '在发券门店以外的门店核销' },
            ]}
          />
          <Row gutter={16}>
            <Col xs={24} xl={10}>
              <ChartCard title="每日发放与核销" label="每日券发放、核销与过期" option={daily} />
            </Col>
            <Col xs={24} xl={14}>
              <Typography.Text strong>按券模板</Typography.Text>
              <Table<TemplateRow>
                size="small"
                rowKey="templateId"
                dataSource={d.templates}
                pagination={{ pageSize: 5, hideOnSinglePage: true }}
                locale={{ emptyText: '期间没有发券' }}
                columns={[
                  { title: '券模板', dataIndex: 'title' },
                  { title: '发放', dataIndex: 'issued', align: 'right' },
                  { title: '核销', dataIndex: 'verified', align: 'right' },
                  { title: '过期', dataIndex: 'expired', align: 'right' },
                  { title: '核销率', align: 'right', render: (_, r) => percent(r.verificationRate) },
                ]}
              />
              {d.crossStorePairs.length > 0 && (
                <Table<CrossRow>
                  size="small"
                  style={{ marginTop: 8 }}
                  rowKey={(r) => `${r.issuedStore.code}-${r.usedStore.code}`}
                  dataSource={d.crossStorePairs}
                  pagination={{ pageSize: 5, hideOnSinglePage: true }}
                  columns={[
                    { title: '发券门店', render: (_, r) => r.issuedStore.name },
                    { title: '核销门店', render: (_, r) => r.usedStore.name },
                    { title: '跨店核销张数', dataIndex: 'count', align: 'right' },
                  ]}
                />
              )}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                核销率 = 期间核销张数 ÷ 期间发放张数
              </Typography.Paragraph>
            </Col>
          </Row>
        </>
      )}
    </Panel>
  )
}

type RfmRow = RfmDashboard['groups'][number]

export function RfmPanel({ storeCode }: { storeCode: string | undefined }) {
  const q = useRfmDashboard(storeCode)
  const d = q.data
  const bars = useMemo(() => d && categoryBarsOption(d.groups.map((g) => g.name), [{ name: '会员数', values: d.groups.map((g) => g.members) }]), [d])
  return (
    <Panel title="RFM 分群（当前）" query={q}>
      {d && bars && (
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <ChartCard title="各组会员数" label="RFM 各组会员数" option={bars} height={280} />
          </Col>
          <Col xs={24} xl={14}>
            <Table<RfmRow>
              size="small"
              rowKey="key"
              dataSource={d.groups}
              pagination={false}
              columns={[
                { title: '分组', dataIndex: 'name' },
                { title: '会员数', dataIndex: 'members', align: 'right' },
                { title: '近 12 个月消费', align: 'right', render: (_, r) => yuan(r.spend365dCents) },
                { title: '人均消费', align: 'right', render: (_, r) => yuan(r.averageSpendCents) },
              ]}
            />
          </Col>
        </Row>
      )}
    </Panel>
  )
}

type FunnelRow = CampaignsDashboard['campaigns'][number]
const funnelSteps: Array<[keyof FunnelRow, string]> = [
  ['audience', '目标人群'],
  ['reachable', '可触达'],
  ['sent', '已发送'],
  ['opened', '已打开'],
  ['couponsVerified', '券已核销'],
  ['purchasers', '发送后消费'],
]
const points = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(2)}`

/** Lift in words: the difference of purchase rates with its 95% interval, or why there is none. */
function liftText(r: FunnelRow): string {
  const lift = r.attribution?.lift
  if (!r.attribution) return '尚未发送'
  if (!lift) return '无对照组'
  return `${points(lift.differencePoints)} 个百分点（95% 区间 ${points(lift.low)} ～ ${points(lift.high)}）`
}

export function CampaignsPanel({ query }: { query: DashboardQuery }) {
  const q = useCampaignsDashboard(query)
  const d = q.data
  // The chart shows the eight newest; the table pages through them all.
  const shown = useMemo(() => d?.campaigns.slice(0, 8) ?? [], [d])
  const funnel = useMemo(() => categoryBarsOption(shown.map((c) => c.name), funnelSteps.map(([key, name]) => ({ name, values: shown.map((c) => Number(c[key])) }))), [shown])
  return (
    <Panel title="营销活动" query={q}>
      {d && (
        d.campaigns.length === 0 ? (
          <Typography.Text type="secondary">所选期间没有开始发送的活动</Typography.Text>
        ) : (
          <Row gutter={16}>
            <Col xs={24} xl={10}>
              <ChartCard title="活动漏斗" label="各活动的漏斗" option={funnel} height={Math.max(260, 70 * shown.length)} />
            </Col>
            <Col xs={24} xl={14}>
              <Typography.Text strong>对照组提升</Typography.Text>
              <Table<FunnelRow>
                size="small"
                rowKey="campaignId"
                dataSource={d.campaigns}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                columns={[
                  { title: '活动', dataIndex: 'name' },
                  { title: '已发送', dataIndex: 'sent', align: 'right' },
                  { title: '发送组购买率', align: 'right', render: (_, r) => (r.attribution?.lift ? `${r.attribution.lift.recipientsRate.toFixed(2)}%` : '—') },
                  { title: '对照组购买率', align: 'right', render: (_, r) => (r.attribution?.lift ? `${r.attribution.lift.holdoutRate.toFixed(2)}%` : '—') },
                  { title: '提升', render: (_, r) => liftText(r) },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                按入会门店统计会员；购买率为首次发送后归因期内有消费的比例，提升 = 发送组 − 对照组
              </Typography.Paragraph>
            </Col>
          </Row>
        )
      )}
    </Panel>
  )
}
