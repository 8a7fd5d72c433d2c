import { App, Button, Card, Form, type FormInstance } from 'antd'
import type { ReactNode } from 'react'
import { errorText, useServerErrors } from '../lib/errors'

/**
 * A settings page's form: Enter or 保存 submits, the first invalid field is focused, the server's
 * field problems show next to their inputs, and a save says 已保存.
 */
export function SettingsForm<V extends object>({
  form,
  initialValues,
  onSave,
  saving,
  error,
  children,
  fieldMap,
}: {
  form: FormInstance<V>
  initialValues: V
  onSave: (values: V) => Promise<unknown>
  saving: boolean
  error: unknown
  children: ReactNode
  fieldMap?: Record<string, (string | number)[]>
}) {
  const { message } = App.useApp()
  useServerErrors(form, error, fieldMap)
  return (
    <Card>
      <Form<V>
        form={form}
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 12 }}
        initialValues={initialValues}
        scrollToFirstError={{ focus: true }}
        // Hidden fields (a switched-off option's settings) keep their values and are sent as they were.
        onFinish={() =>
          onSave({ ...initialValues, ...(form.getFieldsValue(true) as V) }).then(
            () => void message.success('已保存'),
            (e: unknown) => void message.error(errorText(e)),
          )
        }
      >
        {children}
        <Form.Item wrapperCol={{ offset: 6 }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  )
}
