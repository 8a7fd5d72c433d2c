import { LIMITS, type Tier, type TierUpsertRequest } from '@huiyuan/shared-types'
import { ColorPicker, Form, Input, InputNumber, Select } from 'antd'
import { useEffect } from 'react'
import { EnterSubmits } from '../../components/EnterSubmits'
import { useServerErrors } from '../../lib/errors'
import { intIn, lengthIn, numberIn, pattern, required } from '../../lib/rules'

const L = LIMITS.tier

export interface TierFormValues {
  name: string
  rank: number
  entryGrowth: number
  retainGrowth: number
  discountPercent: number
  pointsMultiplier: number
  birthdayBonusPoints: number
  perks: string[]
  cardColor: string
}

export const tierToValues = (t: Tier): TierFormValues => ({
  name: t.name,
  rank: t.rank,
  entryGrowth: t.entryGrowth,
  retainGrowth: t.retainGrowth,
  ...t.benefits,
  cardColor: t.cardColor,
})

export const valuesToTier = (code: string, v: TierFormValues): TierUpsertRequest => ({
  code,
  name: v.name.trim(),
  rank: v.rank,
  entryGrowth: v.entryGrowth,
  retainGrowth: v.retainGrowth,
  benefits: { discountPercent: v.discountPercent, pointsMultiplier: v.pointsMultiplier, birthdayBonusPoints: v.birthdayBonusPoints, perks: v.perks.map((p) => p.trim()).filter(Boolean) },
  cardColor: v.cardColor,
})

const perksRule = {
  validator: (_: unknown, perks: string[] | undefined) => {
    const list = (perks ?? []).map((p) => p.trim()).filter(Boolean)
    if (list.length > L.perks[1]) return Promise.reject(new Error(`权益最多 ${L.perks[1]} 条`))
    if (list.some((p) => p.length > L.perkLength[1])) return Promise.reject(new Error(`每条权益最多 ${L.perkLength[1]} 个字`))
    return Promise.resolve()
  },
}

/** One tier's editor; the server's TierBody ranges come from shared-types' LIMITS. */
export function TierForm({ id, tier, onSubmit, error }: { id: string; tier: Tier; onSubmit: (values: TierFormValues) => void; error?: unknown }) {
  const [form] = Form.useForm<TierFormValues>()
  useEffect(() => form.setFieldsValue(tierToValues(tier)), [form, tier])
  useServerErrors(form, error, { 'benefits.discountPercent': ['discountPercent'], 'benefits.pointsMultiplier': ['pointsMultiplier'], 'benefits.birthdayBonusPoints': ['birthdayBonusPoints'], 'benefits.perks': ['perks'] })
  return (
    <Form id={id} form={form} layout="vertical" initialValues={tierToValues(tier)} onFinish={onSubmit} scrollToFirstError={{ focus: true }}>
      <Form.Item name="name" label="等级名称" rules={[required('等级名称'), lengthIn('等级名称', L.name)]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="rank" label="级别（1 为最低）" rules={[required('级别'), intIn('级别', L.rank)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="entryGrowth" label="升级所需成长值" rules={[required('升级所需成长值'), intIn('升级所需成长值', L.growth)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="retainGrowth" label="保级所需成长值" rules={[required('保级所需成长值'), intIn('保级所需成长值', L.growth)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="discountPercent" label="折扣（95 表示 9.5 折，100 表示无折扣）" rules={[required('折扣'), intIn('折扣', L.discountPercent)]}>
        <InputNumber style={{ width: '100%' }} suffix="%" />
      </Form.Item>
      <Form.Item name="pointsMultiplier" label="积分倍数" rules={[required('积分倍数'), numberIn('积分倍数', L.pointsMultiplier)]}>
        <InputNumber style={{ width: '100%' }} step={0.1} suffix="倍" />
      </Form.Item>
      <Form.Item name="birthdayBonusPoints" label="生日赠送积分" rules={[required('生日赠送积分'), intIn('生日赠送积分', L.birthdayBonusPoints)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="perks" label="权益说明" rules={[perksRule]}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="输入后回车添加" open={false} />
      </Form.Item>
      <Form.Item
        name="cardColor"
        label="卡面颜色"
        getValueFromEvent={(c: { toHexString: () => string }) => c.toHexString()}
        rules={[required('卡面颜色'), pattern(/^#[0-9a-fA-F]{6}$/, '颜色须为 #RRGGBB')]}
      >
        <ColorPicker showText format="hex" disabledAlpha />
      </Form.Item>
      <EnterSubmits />
    </Form>
  )
}
