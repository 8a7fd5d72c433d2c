import type { PasswordChanged, StaffProfile } from '@huiyuan/shared-types'
import { useMutation } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { authStore } from '../../api/auth'
import { api } from '../../api/client'
import { errorText, useServerErrors } from '../../lib/errors'
import { required } from '../../lib/rules'
import { passwordProblem } from './password-rules'

interface ChangeForm {
  currentPassword: string
  newPassword: string
  confirm: string
}

/**
 * A one-time password (a new account, or one HQ reset) must be replaced before anything else; the
 * server answers with a token for the new password, and the old sessions end.
 */
export function ChangePasswordPage({ staff }: { staff: StaffProfile }) {
  const [form] = Form.useForm<ChangeForm>()
  const change = useMutation({
    mutationFn: (v: ChangeForm) => api.post<PasswordChanged>('/api/v1/staff/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: ({ token, expiresAt, ...profile }) => authStore.signIn({ token, expiresAt, staff: profile }),
  })
  useServerErrors(form, change.error)
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f3ee' }}>
      <Card style={{ width: 420 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          设置新密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">{staff.displayName}，你正在使用一次性密码，请先设置自己的密码。</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} scrollToFirstError={{ focus: true }}>
          <Form.Item name="currentPassword" label="一次性密码" rules={[required('一次性密码')]}>
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra="至少 10 位，包含字母、数字、符号中的至少两种，不能包含用户名"
            rules={[required('新密码'), { validator: (_, v: string | undefined) => (v && passwordProblem(v, staff.username) ? Promise.reject(new Error(passwordProblem(v, staff.username) ?? '')) : Promise.resolve()) }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="再次输入新密码"
            dependencies={['newPassword']}
            rules={[required('确认密码'), ({ getFieldValue }) => ({ validator: (_, v) => (v && v !== getFieldValue('newPassword') ? Promise.reject(new Error('两次输入的密码不一致')) : Promise.resolve()) })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {change.isError && <Alert type="error" showIcon message={errorText(change.error)} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            保存并进入
          </Button>
          <Button type="link" block onClick={() => authStore.signOut()} style={{ marginTop: 8 }}>
            退出登录
          </Button>
        </Form>
      </Card>
    </div>
  )
}
