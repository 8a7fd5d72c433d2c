import type { Store } from '@huiyuan/shared-types'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import dayjs from 'dayjs'
import { CouponTemplateForm } from '../src/pages/coupon-templates/CouponTemplateForm'
import { emptyTemplate, valuesToTemplate, type TemplateFormValues } from '../src/pages/coupon-templates/template-form'
import { renderConsole } from './render'

const stores: Store[] = [
  { id: 1, code: 'HQ', name: '总部', kind: 'hq', parentId: null },
  { id: 2, code: 'R1', name: '华东区', kind: 'region', parentId: 1 },
  { id: 3, code: 'S001', name: '静安旗舰店', kind: 'store', parentId: 2 },
]

describe('coupon template form', () => {
  it('asks for the face value of a cash coupon and refuses a third decimal, before anything is sent', async () => {
    const onSubmit = jest.fn()
    renderConsole(<CouponTemplateForm id="t" initial={emptyTemplate} stores={stores} tiers={[]} onSubmit={onSubmit} />)
    await userEvent.type(screen.getByLabelText('券名称'), '满100减20{Enter}')
    expect(await screen.findByText('请填写面值')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByLabelText('面值（元）')).toHaveFocus())
    await userEvent.type(screen.getByLabelText('面值（元）'), '20.005{Enter}')
    expect(await screen.findByText('面值最多两位小数')).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('shows the fields of the chosen kind, validity and store scope', async () => {
    renderConsole(<CouponTemplateForm id="t" initial={emptyTemplate} stores={stores} tiers={[]} onSubmit={jest.fn()} />)
    await userEvent.click(screen.getByLabelText('折扣券'))
    expect(screen.getByLabelText('折扣（85 表示 8.5 折）')).toBeInTheDocument()
    expect(screen.queryByLabelText('面值（元）')).toBeNull()
    await userEvent.click(screen.getByLabelText('固定日期'))
    expect(screen.getByLabelText('起止日期')).toBeInTheDocument()
    expect(screen.queryByLabelText('有效天数')).toBeNull()
    await userEvent.click(screen.getByLabelText('指定门店或区域'))
    await userEvent.type(screen.getByLabelText('券名称'), '八五折{Enter}')
    expect(await screen.findByText('请至少选择一个门店或区域')).toBeInTheDocument()
  })

  it('submits a valid gift coupon with Enter', async () => {
    const onSubmit = jest.fn()
    renderConsole(<CouponTemplateForm id="t" initial={{ ...emptyTemplate, kind: 'gift' }} stores={stores} tiers={[]} onSubmit={onSubmit} />)
    await userEvent.type(screen.getByLabelText('券名称'), '生日礼')
    await userEvent.type(screen.getByLabelText('礼品'), '免费蛋糕一块{Enter}')
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(valuesToTemplate(onSubmit.mock.calls[0][0] as TemplateFormValues)).toMatchObject({ title: '生日礼', kind: 'gift', giftDescription: '免费蛋糕一块', validity: { kind: 'relative', days: 30 } })
  })

  it('sends only the chosen kind\'s face fields', () => {
    const cash = valuesToTemplate({ ...emptyTemplate, title: 'x', kind: 'cash', amount: 20, minSpend: 100, ratePercent: 85 })
    expect(cash).toMatchObject({ amountCents: 2000, minSpendCents: 10000 })
    expect(cash).not.toHaveProperty('ratePercent')
    const discount = valuesToTemplate({ ...emptyTemplate, title: 'x', kind: 'discount', ratePercent: 85, cap: 50.5, amount: 20 })
    expect(discount).toMatchObject({ ratePercent: 85, capCents: 5050 })
    expect(discount).not.toHaveProperty('amountCents')
  })

  it.each<[string, Partial<TemplateFormValues>, object]>([
    ['listed stores kept only for that scope', { storeScope: 'all', storeCodes: ['S001'] }, { storeScope: 'all', storeCodes: [] }],
    ['listed stores', { storeScope: 'listed', storeCodes: ['R1'] }, { storeScope: 'listed', storeCodes: ['R1'] }],
    ['relative validity from the next day', { validDays: 7, startsNextDay: true }, { validity: { kind: 'relative', days: 7, startsNextDay: true } }],
    ['limits and tier', { totalStock: 500, perMemberLimit: 2, perMemberDailyLimit: 1, minTierRank: 2 }, { totalStock: 500, perMemberLimit: 2, perMemberDailyLimit: 1, minTierRank: 2 }],
  ])('maps %s', (_what, values, expected) => {
    expect(valuesToTemplate({ ...emptyTemplate, title: 'x', ...values })).toMatchObject(expected)
  })

  it('sends a fixed validity from the first day\'s start to the last day\'s end', () => {
    const request = valuesToTemplate({ ...emptyTemplate, title: 'x', validityKind: 'fixed', fixedRange: [dayjs('2026-12-01T15:00'), dayjs('2026-12-31T09:00')] })
    expect(request.validity).toEqual({ kind: 'fixed', from: dayjs('2026-12-01').startOf('day').toISOString(), until: dayjs('2026-12-31').endOf('day').toISOString() })
  })
})
