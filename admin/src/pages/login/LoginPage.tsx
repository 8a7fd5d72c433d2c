import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { authStore } from '../../api/auth'
import { staffApi } from '../../api/endpoints/staff'
import { errorText } from '../../lib/errors'
import { required } from '../../lib/rules'

const copy = {
  title: '会员管理后台',
  subtitle: '总部与门店管理人员登录',
  username: '用户名',
  password: '密码',
  signIn: '登录',
  counterHint: '店员收银、核销请使用小程序的门店工作台。',
}

interface LoginForm {
  username: string
  password: string
}

export function LoginPage() {
  const [form] = Form.useForm<LoginForm>()
  const signIn = useMutation({ mutationFn: staffApi.signIn, onSuccess: (session) => authStore.signIn(session) })
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f3ee' }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {copy.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{copy.subtitle}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => signIn.mutate({ username: v.username.trim(), password: v.password })} scrollToFirstError={{ focus: true }}>
          <Form.Item name="username" label={copy.username} rules={[required(copy.username)]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={copy.password} rules={[required(copy.password)]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {signIn.isError && <Alert type="error" showIcon message={errorText(signIn.error)} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {copy.signIn}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {copy.counterHint}
        </Typography.Paragraph>
      </Card>
    </div>
  )
}
