import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { AdjustPointsForm, toAdjustRequest } from '../src/pages/members/AdjustPointsForm'
import { renderConsole } from './render'

describe('points adjustment form', () => {
  it('needs whole points within a million and a 2–100 character reason', async () => {
    const onSubmit = jest.fn()
    renderConsole(<AdjustPointsForm id="a" onSubmit={onSubmit} />)
    await userEvent.type(screen.getByLabelText('积分'), '2000000')
    await userEvent.type(screen.getByLabelText('原因（会员可见）'), '补{Enter}')
    expect(await screen.findByText('积分须在 1–1000000 之间')).toBeInTheDocument()
    expect(await screen.findByText('原因须为 2–100 个字')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByLabelText('积分')).toHaveFocus())
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('sends a deduction as a negative delta', async () => {
    const onSubmit = jest.fn()
    renderConsole(<AdjustPointsForm id="a" onSubmit={onSubmit} />)
    await userEvent.click(screen.getByLabelText('扣减'))
    await userEvent.type(screen.getByLabelText('积分'), '150')
    await userEvent.type(screen.getByLabelText('原因（会员可见）'), ' 重复入账冲正 {Enter}')
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ delta: -150, reason: '重复入账冲正' }))
    expect(toAdjustRequest({ direction: 'add', points: 5, reason: 'x' })).toEqual({ delta: 5, reason: 'x' })
  })
})
