import { LIMITS, type RewardRequest, type StaffReward, type Tier } from '@huiyuan/shared-types'
import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { CouponTemplateSelect } from '../../components/CouponTemplateSelect'
import { EnterSubmits } from '../../components/EnterSubmits'
import { useServerErrors } from '../../lib/errors'
import { intIn, lengthIn, required } from '../../lib/rules'
import { imageUrlRule, RewardImageField } from './RewardImageField'

const L = LIMITS.reward

export interface RewardFormValues {
  title: string
  description: string
  imageUrl: string
  pointsPrice: number | null
  couponTemplateId: number | null
  stock: number | null
  perMemberLimit: number | null
  minTierRank: number | null
  sortOrder: number | null
  window: [Dayjs | null, Dayjs | null] | null
  active: boolean
}

export const emptyReward: RewardFormValues = {
  title: '',
  description: '',
  imageUrl: '',
  pointsPrice: null,
  couponTemplateId: null,
  stock: null,
  perMemberLimit: 0,
  minTierRank: null,
  sortOrder: 0,
  window: null,
  active: true,
}

export const rewardToValues = (r: StaffReward): RewardFormValues => ({
  title: r.title,
  description: r.description,
  imageUrl: r.imageUrl ?? '',
  pointsPrice: r.pointsPrice,
  couponTemplateId: r.couponTemplate.id,
  stock: r.stock,
  perMemberLimit: r.perMemberLimit,
  minTierRank: r.minTierRank,
  sortOrder: r.sortOrder,
  window: r.onAt || r.offAt ? [r.onAt ? dayjs(r.onAt) : null, r.offAt ? dayjs(r.offAt) : null] : null,
  active: r.active,
})

export const valuesToReward = (v: RewardFormValues): RewardRequest => ({
  title: v.title.trim(),
  description: v.description.trim(),
  imageUrl: v.imageUrl.trim() || null,
  pointsPrice: v.pointsPrice ?? 0,
  couponTemplateId: v.couponTemplateId ?? 0,
  stock: v.stock ?? 0,
  perMemberLimit: v.perMemberLimit ?? 0,
  minTierRank: v.minTierRank,
  sortOrder: v.sortOrder ?? 0,
  onAt: v.window?.[0]?.toISOString() ?? null,
  offAt: v.window?.[1]?.toISOString() ?? null,
  active: v.active,
})

/** A points-mall item: every option RewardBody accepts, checked with the server's ranges. */
export function RewardForm({ id, initial, currentTemplateLabel, tiers, onSubmit, error }: {
  id: string
  initial: RewardFormValues
  /** The edited item's coupon, named even when it is not among the picker's first options. */
  currentTemplateLabel?: string
  tiers: Tier[]
  onSubmit: (v: RewardFormValues) => void
  error?: unknown
}) {
  const [form] = Form.useForm<RewardFormValues>()
  useServerErrors(form, error, { onAt: ['window'], offAt: ['window'] })
  return (
    <Form id={id} form={form} layout="vertical" initialValues={initial} onFinish={() => onSubmit({ ...initial, ...(form.getFieldsValue(true) as RewardFormValues) })} scrollToFirstError={{ focus: true }}>
      <Form.Item name="title" label="商品名称" rules={[required('商品名称'), lengthIn('商品名称', L.title)]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="couponTemplateId" label="兑换所得券" rules={[required('兑换所得券')]}>
        <CouponTemplateSelect owner="hq" currentLabel={currentTemplateLabel} placeholder="输入券名称搜索总部券模板" />
      </Form.Item>
      <Form.Item name="pointsPrice" label="所需积分" rules={[required('所需积分'), intIn('所需积分', L.pointsPrice)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="stock" label="总库存" rules={[required('总库存'), intIn('总库存', L.stock)]} extra="修改后剩余库存随之增减">
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="perMemberLimit" label="每人限兑（0 为不限）" rules={[intIn('每人限兑', L.perMemberLimit)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="minTierRank" label="最低可兑换等级">
        <Select allowClear placeholder="所有等级" options={tiers.map((t) => ({ value: t.rank, label: `${t.name} 及以上` }))} />
      </Form.Item>
      <Form.Item name="window" label="上架时间段（可选）">
        <DatePicker.RangePicker showTime allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序（越小越靠前）" rules={[intIn('排序', L.sortOrder)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="imageUrl" label="商品图片" rules={[imageUrlRule]}>
        <RewardImageField />
      </Form.Item>
      <Form.Item name="description" label="说明" rules={[lengthIn('说明', L.description)]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="active" label="上架" valuePropName="checked">
        <Switch />
      </Form.Item>
      <EnterSubmits />
    </Form>
  )
}
