import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { authStore } from '../src/api/auth'
import { TransferClerkModal } from '../src/pages/members/TransferClerkModal'
import { fakeServer, renderConsole } from './render'

const clerks = {
  items: [
    { id: 3, username: 'demo-clerk', displayName: '李店员', role: 'clerk', store: { id: 2, code: 'S001', name: '静安旗舰店' }, mustChangePassword: false, active: true, createdAt: '2026-11-01T00:00:00Z' },
    { id: 4, username: 'demo-clerk2', displayName: '张店员', role: 'clerk', store: { id: 3, code: 'S002', name: '徐汇天钥桥店' }, mustChangePassword: false, active: true, createdAt: '2026-11-01T00:00:00Z' },
  ],
  total: 2,
  nextCursor: null,
}

describe('bulk transfer between clerks', () => {
  beforeEach(() => authStore.signIn({ token: 't', expiresAt: '2030-01-01T00:00:00Z', staff: { id: 1, username: 'demo-hq', displayName: '总部', role: 'hq_admin', store: null, mustChangePassword: false } }))
  afterEach(() => authStore.signOut())

  it('refuses the same clerk twice, then sends one transfer with an idempotency key', async () => {
    const requests = fakeServer((req) => (req.url.pathname === '/api/v1/staff/clerk-transfers' ? [201, { moved: 7 }] : [200, clerks]))
    const onDone = jest.fn()
    renderConsole(<TransferClerkModal open onClose={jest.fn()} onDone={onDone} />)
    const pick = async (label: string, text: string) => {
      await userEvent.click(screen.getByLabelText(label))
      // The option in the dropdown just opened (the last one in the document), not the chosen value shown.
      const options = (await screen.findAllByTitle(text)).filter((el) => el.classList.contains('ant-select-item-option'))
      await userEvent.click(options[options.length - 1] as HTMLElement)
    }
    await pick('原维护人', '李店员（静安旗舰店）')
    await pick('新维护人', '李店员（静安旗舰店）')
    await userEvent.click(screen.getByRole('button', { name: '转移' }))
    expect(await screen.findByText('新维护人不能与原维护人相同')).toBeInTheDocument()
    await pick('新维护人', '张店员（徐汇天钥桥店）')
    await userEvent.click(screen.getByRole('button', { name: '转移' }))
    await waitFor(() => expect(onDone).toHaveBeenCalled())
    const sent = requests.filter((r) => r.url.pathname === '/api/v1/staff/clerk-transfers')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.body).toEqual({ fromClerkId: 3, toClerkId: 4 })
    expect(sent[0]?.headers['Idempotency-Key']).toMatch(/.{8,}/)
  })
})
