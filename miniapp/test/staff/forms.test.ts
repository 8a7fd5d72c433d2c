import type { StaffReward, Tier } from '@huiyuan/shared-types'
import { ApiError } from '../../src/api/client'
import {
  checkinFormToRequest,
  checkinRulesToForm,
  couponTemplateFormToRequest,
  emptyCouponTemplateForm,
  emptyRewardForm,
  mayOpen,
  mayUndoVerifications,
  previewThresholds,
  rewardFormToRequest,
  rewardToForm,
  serverFieldErrors,
  tierFormToRequest,
  tierToForm,
  withinUndoWindow,
} from '../../src/packages/staff/forms'
import { missedDays } from '../../src/packages/checkin/makeup'

const silver: Tier = {
  id: 2,
  code: 'SILVER',
  name: '银卡会员',
  rank: 2,
  entryGrowth: 1000,
  retainGrowth: 600,
  benefits: { discountPercent: 98, pointsMultiplier: 1.2, birthdayBonusPoints: 200, perks: ['生日双倍积分', '会员日专享价'] },
  cardColor: '#9aa5b1',
}

describe('tier form', () => {
  it('round-trips a tier into the PUT body', () => {
    const mapped = tierFormToRequest('SILVER', tierToForm(silver))
    const { id: _id, ...expected } = silver
    expect(mapped).toEqual({ ok: true, request: expected })
  })

  it('splits perks on new lines and Chinese or ASCII commas, dropping blanks', () => {
    const mapped = tierFormToRequest('SILVER', { ...tierToForm(silver), perks: '免费停车\n生日礼，会员价、 \n' })
    expect(mapped.ok && mapped.request.benefits.perks).toEqual(['免费停车', '生日礼', '会员价'])
  })

  it('names each field that is not a number, with the server’s dotted field names', () => {
    const mapped = tierFormToRequest('SILVER', { ...tierToForm(silver), entryGrowth: '1千', pointsMultiplier: 'x', discountPercent: '' })
    expect(mapped).toEqual({ ok: false, errors: { entryGrowth: '请输入整数', 'benefits.pointsMultiplier': '请输入数字', 'benefits.discountPercent': '请输入整数' } })
  })

  it('previews only the thresholds that are whole numbers', () => {
    const forms = { SILVER: { ...tierToForm(silver), entryGrowth: ' 800 ' }, GOLD: { ...tierToForm(silver), entryGrowth: '' } }
    expect(previewThresholds(forms)).toEqual([{ code: 'SILVER', entryGrowth: 800 }])
  })
})

describe('serverFieldErrors', () => {
  it('keys the VALIDATION_FAILED details by field', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid request', [
      { field: 'benefits.discountPercent', problems: ['discountPercent must not be less than 10', 'x'] },
      { field: 'cardColor', problems: ['cardColor must be a colour like #c9a14a'] },
    ])
    expect(serverFieldErrors(error)).toEqual({ 'benefits.discountPercent': 'discountPercent must not be less than 10；x', cardColor: 'cardColor must be a colour like #c9a14a' })
  })

  it('is empty for other errors', () => {
    expect(serverFieldErrors(new ApiError(409, 'CONFLICT', 'x', [{ field: 'a', problems: ['b'] }]))).toEqual({})
    expect(serverFieldErrors(new Error('x'))).toEqual({})
  })
})

describe('reward form', () => {
  it('requires a coupon template and whole numbers', () => {
    expect(rewardFormToRequest({ ...emptyRewardForm, title: '咖啡券' })).toEqual({
      ok: false,
      errors: { couponTemplateId: '请选择券模板', pointsPrice: '请输入整数', stock: '请输入整数' },
    })
  })

  it('maps a filled form, an empty limit meaning none and an empty image null', () => {
    const mapped = rewardFormToRequest({ ...emptyRewardForm, title: ' 咖啡券 ', pointsPrice: '500', stock: '100', couponTemplateId: 3, perMemberLimit: '' })
    expect(mapped).toEqual({
      ok: true,
      request: { title: '咖啡券', description: '', imageUrl: null, pointsPrice: 500, couponTemplateId: 3, stock: 100, perMemberLimit: 0, sortOrder: 0, active: true },
    })
  })

  it('starts an edit from the reward', () => {
    const reward = { id: 7, title: 't', description: 'd', imageUrl: null, pointsPrice: 10, stock: 5, stockLeft: 4, redeemed: 1, perMemberLimit: 2, sortOrder: 3, active: false, couponTemplate: { id: 9 } } as unknown as StaffReward
    expect(rewardToForm(reward)).toEqual({ title: 't', description: 'd', imageUrl: '', pointsPrice: '10', couponTemplateId: 9, stock: '5', perMemberLimit: '2', sortOrder: '3', active: false })
  })
})

describe('coupon template form', () => {
  it('sends a cash coupon in cents, relative validity, all stores', () => {
    const mapped = couponTemplateFormToRequest({ ...emptyCouponTemplateForm, title: '满100减20', amount: '20', minSpend: '100', validDays: '30' })
    expect(mapped).toEqual({
      ok: true,
      request: { title: '满100减20', kind: 'cash', amountCents: 2000, minSpendCents: 10000, validity: { kind: 'relative', days: 30, startsNextDay: false }, storeScope: 'all', usageNotes: '' },
    })
  })

  it('sends only the discount fields for a discount coupon', () => {
    const mapped = couponTemplateFormToRequest({ ...emptyCouponTemplateForm, title: '85折', kind: 'discount', amount: '20', ratePercent: '85', cap: '' })
    expect(mapped.ok && mapped.request).toMatchObject({ kind: 'discount', ratePercent: 85, capCents: null })
    expect(mapped.ok && 'amountCents' in mapped.request).toBe(false)
  })

  it('sends the gift description for a gift coupon', () => {
    const mapped = couponTemplateFormToRequest({ ...emptyCouponTemplateForm, title: '饮品', kind: 'gift', giftDescription: ' 免费饮品一杯 ' })
    expect(mapped.ok && mapped.request.giftDescription).toBe('免费饮品一杯')
  })

  it('asks for the face value and whole days', () => {
    expect(couponTemplateFormToRequest({ ...emptyCouponTemplateForm, amount: '', validDays: '1.5' })).toEqual({
      ok: false,
      errors: { amountCents: '请输入面值', 'validity.days': '请输入整数' },
    })
    expect(couponTemplateFormToRequest({ ...emptyCouponTemplateForm, amount: '1.234' })).toMatchObject({ ok: false, errors: { amountCents: '请输入正确的金额（最多两位小数）' } })
  })
})

describe('check-in rules form', () => {
  const rules = { basePoints: 5, streakBonuses: [{ day: 7, points: 20 }], cycle: 'weekly' as const, growthPerCheckin: 1, applyTierMultiplier: true, makeupEnabled: true, makeupCostPoints: 10, makeupPerMonth: 2 }

  it('round-trips the rules', () => {
    expect(checkinFormToRequest(checkinRulesToForm(rules))).toEqual({ ok: true, request: rules })
  })

  it('names a bad streak bonus by its index like the server does', () => {
    const form = { ...checkinRulesToForm(rules), streakBonuses: [{ day: '7', points: '20' }, { day: '', points: '5' }] }
    expect(checkinFormToRequest(form)).toEqual({ ok: false, errors: { 'streakBonuses.1.day': '请输入整数' } })
  })
})

describe('roles', () => {
  it.each([
    ['clerk', 'poster', true],
    ['clerk', 'verifications', true],
    ['clerk', 'tiers', false],
    ['store_manager', 'rewards', false],
    ['store_manager', 'verifications', true],
    ['hq_admin', 'tiers', true],
    ['hq_admin', 'referralReviews', true],
  ] as const)('%s may open %s: %s', (role, page, allowed) => {
    expect(mayOpen(role, page)).toBe(allowed)
  })

  it('lets managers and HQ undo, not clerks', () => {
    expect([mayUndoVerifications('hq_admin'), mayUndoVerifications('store_manager'), mayUndoVerifications('clerk')]).toEqual([true, true, false])
  })
})

describe('withinUndoWindow', () => {
  const at = Date.parse('2026-03-05T10:00:00Z')
  it.each([
    [{ verifiedAt: '2026-03-05T09:31:00Z' }, 30, true],
    [{ verifiedAt: '2026-03-05T09:30:00Z' }, 30, false],
    [{ verifiedAt: '2026-03-05T09:59:00Z', undoneAt: '2026-03-05T09:59:30Z' }, 30, false],
    [{ verifiedAt: '2026-03-01T00:00:00Z' }, undefined, true],
  ])('%j with %s minutes → %s', (v, minutes, expected) => {
    expect(withinUndoWindow(v, minutes, at)).toBe(expected)
  })
})

describe('missedDays', () => {
  it('lists the unchecked days before today in the current month', () => {
    expect(missedDays('2026-03', '2026-03-05', ['2026-03-01', '2026-03-03'])).toEqual(['2026-03-02', '2026-03-04'])
  })

  it('leaves out the days before the member joined', () => {
    expect(missedDays('2026-03', '2026-03-05', [], '2026-03-03')).toEqual(['2026-03-03', '2026-03-04'])
  })

  it('is empty on the 1st and for other months', () => {
    expect(missedDays('2026-03', '2026-03-01', [])).toEqual([])
    expect(missedDays('2026-02', '2026-03-05', [])).toEqual([])
  })
})
