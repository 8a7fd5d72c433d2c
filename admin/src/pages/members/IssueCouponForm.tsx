import { LIMITS } from '@huiyuan/shared-types'
import { Form, Input } from 'antd'
import { CouponTemplateSelect } from '../../components/CouponTemplateSelect'
import { EnterSubmits } from '../../components/EnterSubmits'
import { useServerErrors } from '../../lib/errors'
import { lengthIn, required } from '../../lib/rules'

export interface IssueValues {
  templateId: number | null
  reason: string
}

export function IssueCouponForm({ id, onSubmit, error }: { id: string; onSubmit: (v: { templateId: number; reason: string }) => void; error?: unknown }) {
  const [form] = Form.useForm<IssueValues>()
  useServerErrors(form, error)
  return (
    <Form id={id} form={form} layout="vertical" initialValues={{ templateId: null, reason: '' }} onFinish={(v) => onSubmit({ templateId: v.templateId ?? 0, reason: v.reason.trim() })} scrollToFirstError={{ focus: true }}>
      <Form.Item name="templateId" label="券模板" rules={[required('券模板')]}>
        <CouponTemplateSelect autoFocus />
      </Form.Item>
      <Form.Item name="reason" label="发放原因" rules={[required('发放原因'), lengthIn('发放原因', LIMITS.coupon.issueReason)]}>
        <Input placeholder="例如：客诉补偿" />
      </Form.Item>
      <EnterSubmits />
    </Form>
  )
}
