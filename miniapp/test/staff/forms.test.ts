import type { EarningRules, StaffReward, Tier } from '@huiyuan/shared-types'
import { ApiError } from '../../src/api/client'
import {
  checkinFormToRequest,
  checkinRulesToForm,
  couponTemplateFormToRequest,
  earningFormToRequest,
  earningRulesToForm,
  emptyCouponTemplateForm,
  emptyPointsAdjustForm,
  emptyRewardForm,
  mayOpen,
  mayUndoVerifications,
  pointsAdjustFormToRequest,
  pointsShortfall,
  previewThresholds,
  rewardFormToRequest,
  rewardToForm,
  serverFieldErrors,
  stillWrong,
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

describe('stillWrong', () => {
  const shown = { delta: '请输入整数', reason: '请填写 2–100 个字的原因' }
  it('keeps only the shown errors the form still has, with their current message', () => {
    expect(stillWrong(shown, { ok: false, errors: { delta: '请输入 1–1000000 之间的整数', extra: '新问题' } })).toEqual({ delta: '请输入 1–1000000 之间的整数' })
    expect(stillWrong(shown, { ok: true, request: {} })).toEqual({})
  })
  it('returns the same object when nothing changed, so a re-render is not forced', () => {
    expect(stillWrong(shown, { ok: false, errors: { ...shown } })).toBe(shown)
    const none = {}
    expect(stillWrong(none, { ok: false, errors: { delta: 'x' } })).toBe(none)
  })
})

describe('points adjustment form', () => {
  it.each([
    ['add', '50', ' 补录 3 月 5 日消费 ', { delta: 50, reason: '补录 3 月 5 日消费' }],
    ['deduct', '1000000', '误发积分', { delta: -1_000_000, reason: '误发积分' }],
  ] as const)('%s %s → a signed delta and the trimmed reason', (direction, points, reason, request) => {
    expect(pointsAdjustFormToRequest({ direction, points, reason })).toEqual({ ok: true, request })
  })

  it.each([
    ['', '补录', { delta: '请输入整数' }],
    ['0', '补录', { delta: '请输入 1–1000000 之间的整数' }],
    ['-5', '补录', { delta: '请输入 1–1000000 之间的整数' }],
    ['1000001', '补录', { delta: '请输入 1–1000000 之间的整数' }],
    ['12.5', '补录', { delta: '请输入整数' }],
    ['10', ' 补 ', { reason: '请填写 2–100 个字的原因' }],
    ['10', 'x'.repeat(101), { reason: '请填写 2–100 个字的原因' }],
    ['', '', { delta: '请输入整数', reason: '请填写 2–100 个字的原因' }],
  ])('points %j, reason %j → %j', (points, reason, errors) => {
    expect(pointsAdjustFormToRequest({ ...emptyPointsAdjustForm, points, reason })).toEqual({ ok: false, errors })
  })

  it('reads the shortfall from POINTS_INSUFFICIENT only', () => {
    expect(pointsShortfall(new ApiError(409, 'POINTS_INSUFFICIENT', 'x', { needed: 500, balance: 120 }))).toEqual({ needed: 500, balance: 120 })
    expect(pointsShortfall(new ApiError(409, 'POINTS_INSUFFICIENT', 'x'))).toBeNull()
    expect(pointsShortfall(new ApiError(400, 'VALIDATION_FAILED', 'x', { needed: 1, balance: 0 }))).toBeNull()
  })
})

describe('earning rules form', () => {
  const rules: EarningRules = {
    pointsPerYuan: 1,
    welcomePoints: 100,
    expiry: { kind: 'months_after_earning', months: 24 },
    memberDay: { weekday: 3, multiplierPct: 200 },
    growthPerYuan: 1,
    growthWindow: 'calendar_year',
    refundPolicyNote: '按比例扣回',
  }
  const { refundPolicyNote: _note, ...request } = rules

  it('round-trips the rules without the refund note, which the PUT does not take', () => {
    expect(earningFormToRequest(earningRulesToForm(rules))).toEqual({ ok: true, request })
  })

  it('sends no months for other expiry kinds and null for no member day', () => {
    const form = { ...earningRulesToForm(rules), expiryKind: 'end_of_next_year' as const, memberDayEnabled: false, memberDayMultiplierPct: 'x' }
    expect(earningFormToRequest(form)).toEqual({ ok: true, request: { ...request, expiry: { kind: 'end_of_next_year' }, memberDay: null } })
  })

  it('starts a form without a member day or months from sensible values', () => {
    const form = earningRulesToForm({ ...rules, expiry: { kind: 'never' }, memberDay: null })
    expect(form).toMatchObject({ expiryKind: 'never', expiryMonths: '12', memberDayEnabled: false, memberDayWeekday: 1, memberDayMultiplierPct: '200' })
  })

  it('checks the server ranges, naming fields as the server does', () => {
    const form = { ...earningRulesToForm(rules), pointsPerYuan: '1001', welcomePoints: '-1', expiryMonths: '0', memberDayMultiplierPct: '99', growthPerYuan: '1.5' }
    expect(earningFormToRequest(form)).toEqual({
      ok: false,
      errors: {
        pointsPerYuan: '请输入 0–1000 之间的整数',
        welcomePoints: '请输入 0–100000 之间的整数',
        'expiry.months': '请输入 1–120 之间的整数',
        'memberDay.multiplierPct': '请输入 100–1000 之间的整数',
        growthPerYuan: '请输入整数',
      },
    })
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
    ['hq_admin', 'earningRules', true],
    ['store_manager', 'earningRules', false],
    ['hq_admin', 'pointsAdjust', true],
    ['store_manager', 'pointsAdjust', false],
    ['clerk', 'pointsAdjust', false],
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
