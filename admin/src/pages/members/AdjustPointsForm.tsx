import { LIMITS, type AdjustPointsRequest } from '@huiyuan/shared-types'
import { Form, Input, InputNumber, Radio } from 'antd'
import { EnterSubmits } from '../../components/EnterSubmits'
import { useServerErrors } from '../../lib/errors'
import { intIn, lengthIn, required } from '../../lib/rules'

const L = LIMITS.points

export interface AdjustValues {
  direction: 'add' | 'deduct'
  points: number | null
  reason: string
}

export const toAdjustRequest = (v: AdjustValues): AdjustPointsRequest => ({ delta: (v.direction === 'add' ? 1 : -1) * (v.points ?? 0), reason: v.reason.trim() })

/** A manual adjustment: the member reads the reason in their points history as 人工调整：<reason>. */
export function AdjustPointsForm({ id, onSubmit, error }: { id: string; onSubmit: (request: AdjustPointsRequest) => void; error?: unknown }) {
  const [form] = Form.useForm<AdjustValues>()
  useServerErrors(form, error, { delta: ['points'] })
  return (
    <Form id={id} form={form} layout="vertical" initialValues={{ direction: 'add', points: null, reason: '' }} onFinish={(v) => onSubmit(toAdjustRequest(v))} scrollToFirstError={{ focus: true }}>
      <Form.Item name="direction" label="调整方向">
        <Radio.Group options={[{ value: 'add', label: '增加' }, { value: 'deduct', label: '扣减' }]} />
      </Form.Item>
      <Form.Item name="points" label="积分" rules={[required('积分'), intIn('积分', L.adjustment)]}>
        <InputNumber autoFocus style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label="原因（会员可见）" rules={[required('原因'), lengthIn('原因', L.reason)]}>
        <Input />
      </Form.Item>
      <EnterSubmits />
    </Form>
  )
}
