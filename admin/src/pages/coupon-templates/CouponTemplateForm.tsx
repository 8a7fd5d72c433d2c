import { LIMITS, type Store, type Tier } from '@huiyuan/shared-types'
import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Switch, TreeSelect } from 'antd'
import { EnterSubmits } from '../../components/EnterSubmits'
import { useServerErrors } from '../../lib/errors'
import { intIn, lengthIn, required, yuanIn } from '../../lib/rules'
import { storeTree } from '../stores/store-tree'
import { templateFieldMap, type TemplateFormValues } from './template-form'

const L = LIMITS.couponTemplate

/** Every option CouponTemplateBody accepts: face by kind, fixed or relative validity, store scope, stock and limits, tier. */
export function CouponTemplateForm({ id, initial, stores, tiers, onSubmit, error }: { id: string; initial: TemplateFormValues; stores: Store[]; tiers: Tier[]; onSubmit: (v: TemplateFormValues) => void; error?: unknown }) {
  const [form] = Form.useForm<TemplateFormValues>()
  useServerErrors(form, error, templateFieldMap)
  const kind = Form.useWatch('kind', form) ?? initial.kind
  const validityKind = Form.useWatch('validityKind', form) ?? initial.validityKind
  const storeScope = Form.useWatch('storeScope', form) ?? initial.storeScope
  return (
    <Form id={id} form={form} layout="vertical" initialValues={initial} onFinish={() => onSubmit({ ...initial, ...(form.getFieldsValue(true) as TemplateFormValues) })} scrollToFirstError={{ focus: true }}>
      <Form.Item name="title" label="券名称" rules={[required('券名称'), lengthIn('券名称', L.title)]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="kind" label="类型">
        <Radio.Group options={[{ value: 'cash', label: '满减券' }, { value: 'discount', label: '折扣券' }, { value: 'gift', label: '礼品券' }]} />
      </Form.Item>
      {kind === 'cash' && (
        <>
          <Form.Item name="amount" label="面值（元）" rules={[required('面值'), yuanIn('面值', L.amountCents)]}>
            <InputNumber style={{ width: '100%' }} prefix="¥" />
          </Form.Item>
          <Form.Item name="minSpend" label="使用门槛（元，空为无门槛）" rules={[yuanIn('使用门槛', L.minSpendCents)]}>
            <InputNumber style={{ width: '100%' }} prefix="¥" />
          </Form.Item>
        </>
      )}
      {kind === 'discount' && (
        <>
          <Form.Item name="ratePercent" label="折扣（85 表示 8.5 折）" rules={[required('折扣'), intIn('折扣', L.ratePercent)]}>
            <InputNumber style={{ width: '100%' }} suffix="%" />
          </Form.Item>
          <Form.Item name="cap" label="最多优惠（元，空为不封顶）" rules={[yuanIn('最多优惠', L.capCents)]}>
            <InputNumber style={{ width: '100%' }} prefix="¥" />
          </Form.Item>
        </>
      )}
      {kind === 'gift' && (
        <Form.Item name="giftDescription" label="礼品" rules={[required('礼品'), lengthIn('礼品', L.giftDescription)]}>
          <Input placeholder="例如：免费饮品一杯" />
        </Form.Item>
      )}
      <Form.Item name="validityKind" label="有效期">
        <Radio.Group options={[{ value: 'relative', label: '领取后 N 天' }, { value: 'fixed', label: '固定日期' }]} />
      </Form.Item>
      {validityKind === 'relative' ? (
        <>
          <Form.Item name="validDays" label="有效天数" rules={[required('有效天数'), intIn('有效天数', L.validDays)]}>
            <InputNumber style={{ width: '100%' }} suffix="天" />
          </Form.Item>
          <Form.Item name="startsNextDay" valuePropName="checked">
            <Checkbox>次日起生效</Checkbox>
          </Form.Item>
        </>
      ) : (
        <Form.Item name="fixedRange" label="起止日期" rules={[required('起止日期')]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="storeScope" label="适用门店">
        <Radio.Group options={[{ value: 'all', label: '全部门店' }, { value: 'listed', label: '指定门店或区域' }, { value: 'issuing', label: '仅发券门店' }]} />
      </Form.Item>
      {storeScope === 'listed' && (
        <Form.Item
          name="storeCodes"
          label="门店或区域"
          rules={[{ validator: (_, codes: string[] | undefined) => (!codes?.length ? Promise.reject(new Error('请至少选择一个门店或区域')) : codes.length > L.storeCodes[1] ? Promise.reject(new Error(`最多 ${L.storeCodes[1]} 个`)) : Promise.resolve()) }]}
        >
          <TreeSelect treeData={storeTree(stores, (s) => s.kind !== 'hq')} multiple treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="选择门店或区域（区域包含其下所有门店）" />
        </Form.Item>
      )}
      <Form.Item name="totalStock" label="发放总量（空为不限）" rules={[intIn('发放总量', L.totalStock)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="perMemberLimit" label="每人限领（空为不限）" rules={[intIn('每人限领', L.perMemberLimit)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="perMemberDailyLimit" label="每人每日限领（空为不限）" rules={[intIn('每人每日限领', L.perMemberDailyLimit)]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="minTierRank" label="最低可领等级">
        <Select allowClear placeholder="所有等级" options={tiers.map((t) => ({ value: t.rank, label: `${t.name} 及以上` }))} />
      </Form.Item>
      <Form.Item name="usageNotes" label="使用说明" rules={[lengthIn('使用说明', L.usageNotes)]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="active" label="启用" valuePropName="checked">
        <Switch />
      </Form.Item>
      <EnterSubmits />
    </Form>
  )
}
