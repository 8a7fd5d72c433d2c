import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { authStore } from '../src/api/auth'
import { LoginPage } from '../src/pages/login/LoginPage'
import { fakeServer, renderConsole } from './render'

describe('console sign-in', () => {
  afterEach(() => authStore.signOut())

  it('has the username focused, signs in with Enter and keeps the session', async () => {
    const requests = fakeServer(() => [201, { token: 't0k3n', expiresAt: '2030-01-01T00:00:00Z', staff: { id: 1, username: 'demo-hq', displayName: '总部管理员', role: 'hq_admin', store: null, mustChangePassword: false } }])
    renderConsole(<LoginPage />)
    expect(screen.getByLabelText('用户名')).toHaveFocus()
    await userEvent.keyboard('demo-hq')
    await userEvent.type(screen.getByLabelText('密码'), 'huiyuan-demo{Enter}')
    await waitFor(() => expect(authStore.token()).toBe('t0k3n'))
    expect(requests[0]).toMatchObject({ method: 'POST', body: { username: 'demo-hq', password: 'huiyuan-demo' } })
    expect(requests[0]?.url.pathname).toBe('/api/v1/staff/sessions')
    expect(authStore.profile()?.displayName).toBe('总部管理员')
  })

  it('says in Chinese why a sign-in failed, never the code', async () => {
    fakeServer(() => [401, { error: { code: 'STAFF_CREDENTIALS_INVALID', message: 'Wrong username or password' } }])
    renderConsole(<LoginPage />)
    await userEvent.keyboard('demo-hq')
    await userEvent.type(screen.getByLabelText('密码'), 'nope{Enter}')
    expect(await screen.findByText('用户名或密码错误')).toBeInTheDocument()
    expect(screen.queryByText(/STAFF_CREDENTIALS_INVALID|Wrong username/)).toBeNull()
    expect(authStore.token()).toBeNull()
  })

  it('reports an empty field instead of sending', async () => {
    const requests = fakeServer(() => [500, null])
    renderConsole(<LoginPage />)
    await userEvent.type(screen.getByLabelText('密码'), 'x{Enter}')
    expect(await screen.findByText('请填写用户名')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByLabelText('用户名')).toHaveFocus())
    expect(requests).toHaveLength(0)
  })
})
