import type { Tier } from '@huiyuan/shared-types'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { TierForm, valuesToTier, type TierFormValues } from '../src/pages/tiers/TierForm'
import { renderConsole } from './render'

const silver: Tier = {
  id: 2,
  code: 'SILVER',
  name: '银卡会员',
  rank: 2,
  entryGrowth: 1000,
  retainGrowth: 600,
  benefits: { discountPercent: 95, pointsMultiplier: 1.2, birthdayBonusPoints: 200, perks: ['生日双倍积分'] },
  cardColor: '#a0a8b8',
}

describe('TierForm', () => {
  it('refuses values outside the server\'s ranges, naming the field, and focuses the first invalid one', async () => {
    const onSubmit = jest.fn()
    renderConsole(<TierForm id="f" tier={silver} onSubmit={onSubmit} />)
    const discount = screen.getByLabelText('折扣（95 表示 9.5 折，100 表示无折扣）')
    const multiplier = screen.getByLabelText('积分倍数')
    await userEvent.clear(discount)
    await userEvent.type(discount, '5')
    await userEvent.clear(multiplier)
    await userEvent.type(multiplier, '12{Enter}')
    expect(await screen.findByText('折扣须在 10–100 之间')).toBeInTheDocument()
    expect(await screen.findByText('积分倍数须在 1–10 之间')).toBeInTheDocument()
    await waitFor(() => expect(discount).toHaveFocus())
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('submits with Enter and maps the values to the server\'s request', async () => {
    const onSubmit = jest.fn()
    renderConsole(<TierForm id="f" tier={silver} onSubmit={onSubmit} />)
    const name = screen.getByLabelText('等级名称')
    await userEvent.clear(name)
    await userEvent.type(name, ' 银卡 {Enter}')
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    const values = onSubmit.mock.calls[0][0] as TierFormValues
    expect(valuesToTier('SILVER', values)).toEqual({
      code: 'SILVER',
      name: '银卡',
      rank: 2,
      entryGrowth: 1000,
      retainGrowth: 600,
      benefits: { discountPercent: 95, pointsMultiplier: 1.2, birthdayBonusPoints: 200, perks: ['生日双倍积分'] },
      cardColor: '#a0a8b8',
    })
  })

  it('shows the server\'s field problems (dotted names) next to their inputs', async () => {
    const { ApiError } = await import('../src/api/client')
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ field: 'benefits.discountPercent', problems: ['discountPercent must not be less than 10'] }])
    renderConsole(<TierForm id="f" tier={silver} onSubmit={jest.fn()} error={error} />)
    expect(await screen.findByText(/服务器校验未通过/)).toBeInTheDocument()
  })
})
