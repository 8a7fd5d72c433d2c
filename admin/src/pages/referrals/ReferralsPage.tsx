import { LIMITS, type ReferralReview, type ReferralRules } from '@huiyuan/shared-types'
import { Alert, App, Button, Card, Form, InputNumber, Radio, Skeleton, Space, Switch, Table, Tag } from 'antd'
import { CouponTemplateSelect } from '../../components/CouponTemplateSelect'
import { useDecideReferral, useReferralReviews, useReferralRules, useSaveReferralRules } from '../../api/hooks/programme'
import { Page } from '../../components/Page'
import { SettingsForm } from '../../components/SettingsForm'
import { errorText } from '../../lib/errors'
import { dateTime, newActionKey } from '../../lib/format'
import { intIn, required } from '../../lib/rules'

const L = LIMITS.referral

const stateNames: Record<ReferralReview['state'], string> = {
  joined: '已加入',
  qualified: '已达标',
  held: '奖励冻结中',
  rewarded: '已奖励',
  flagged: '待审核',
  approved: '已通过',
  rejected: '已驳回',
}
const flagNames = { same_unionid: '同一微信用户', same_phone: '同一手机号', daily_cap: '超出每日上限', monthly_cap: '超出每月上限' } as const

function RewardFields({ name, label }: { name: 'referrerReward' | 'refereeReward'; label: string }) {
  return (
    <Form.Item label={label}>
      <Space>
        <Form.Item name={[name, 'points']} noStyle rules={[intIn('奖励积分', L.rewardPoints)]}>
          <InputNumber aria-label={`${label}积分`} suffix="积分" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name={[name, 'couponTemplateId']} noStyle>
          <CouponTemplateSelect aria-label={`${label}券`} allowClear placeholder="另赠一张券（可选）" style={{ width: 320 }} />
        </Form.Item>
      </Space>
    </Form.Item>
  )
}

function RulesCard() {
  const rules = useReferralRules()
  const save = useSaveReferralRules()
  const [form] = Form.useForm<ReferralRules>()
  if (rules.isError) return <Alert type="error" message={errorText(rules.error)} />
  if (!rules.data) return <Skeleton active />
  return (
    <SettingsForm
      form={form}
      initialValues={rules.data}
      saving={save.isPending}
      error={save.error}
      onSave={(v) =>
        save.mutateAsync({
          ...v,
          referrerReward: { ...(v.referrerReward.points != null ? { points: v.referrerReward.points } : {}), ...(v.referrerReward.couponTemplateId ? { couponTemplateId: v.referrerReward.couponTemplateId } : {}) },
          refereeReward: { ...(v.refereeReward.points != null ? { points: v.refereeReward.points } : {}), ...(v.refereeReward.couponTemplateId ? { couponTemplateId: v.refereeReward.couponTemplateId } : {}) },
        })
      }
    >
      <Form.Item name="enabled" label="开启推荐有礼" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="qualifyingEvent" label="被推荐人完成">
        <Radio.Group
          options={[
            { value: 'join', label: '入会' },
            { value: 'first_checkin', label: '首次签到' },
            { value: 'first_purchase', label: '首次消费' },
          ]}
        />
      </Form.Item>
      <RewardFields name="referrerReward" label="推荐人奖励" />
      <RewardFields name="refereeReward" label="被推荐人奖励" />
      <Form.Item name="refundWindowDays" label="首单奖励冻结天数" rules={[required('冻结天数'), intIn('冻结天数', L.refundWindowDays)]} extra="退款期内奖励先冻结，期满发放">
        <InputNumber style={{ width: 200 }} suffix="天" />
      </Form.Item>
      <Form.Item name="maxRewardsPerReferrerPerDay" label="每人每日奖励上限" rules={[required('每日上限'), intIn('每日上限', L.perReferrerPerDay)]}>
        <InputNumber style={{ width: 200 }} suffix="次" />
      </Form.Item>
      <Form.Item name="maxRewardsPerReferrerPerMonth" label="每人每月奖励上限" rules={[required('每月上限'), intIn('每月上限', L.perReferrerPerMonth)]}>
        <InputNumber style={{ width: 200 }} suffix="次" />
      </Form.Item>
    </SettingsForm>
  )
}

function ReviewsCard() {
  const reviews = useReferralReviews()
  const decide = useDecideReferral()
  const { message } = App.useApp()
  const rows = reviews.data?.pages.flatMap((p) => p.items) ?? []
  const act = (id: number, decision: 'approve' | 'reject') =>
    decide.mutate(
      { id, decision, key: newActionKey() },
      { onSuccess: () => void message.success(decision === 'approve' ? '已通过，奖励已发放' : '已驳回'), onError: (e) => void message.error(errorText(e)) },
    )
  return (
    <Card title="待审核的推荐" style={{ marginTop: 16 }}>
      <Table<ReferralReview>
        rowKey="id"
        loading={reviews.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '没有待审核的推荐' }}
        columns={[
          { title: '推荐人', render: (_, r) => `${r.referrer.nickname ?? '会员'}（${r.referrer.cardNo}）` },
          { title: '被推荐人', render: (_, r) => `${r.referee.nickname ?? '会员'}（${r.referee.cardNo}）` },
          { title: '状态', render: (_, r) => <Tag color={r.state === 'flagged' ? 'orange' : 'default'}>{stateNames[r.state]}</Tag> },
          { title: '原因', render: (_, r) => (r.flagReason ? flagNames[r.flagReason] : '—') },
          { title: '加入时间', render: (_, r) => dateTime(r.joinedAt) },
          {
            title: '操作',
            render: (_, r) =>
              r.state === 'flagged' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => act(r.id, 'approve')}>通过</Button>
                  <Button size="small" danger onClick={() => act(r.id, 'reject')}>驳回</Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {reviews.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void reviews.fetchNextPage()} loading={reviews.isFetchingNextPage}>
          加载更多
        </Button>
      )}
    </Card>
  )
}

export function ReferralsPage() {
  return (
    <Page title="推荐规则与审核">
      <RulesCard />
      <ReviewsCard />
    </Page>
  )
}
