import type {
  AdjustPointsRequest,
  CheckinCycle,
  CheckinRules,
  CouponKind,
  CouponTemplateRequest,
  CouponVerification,
  EarningRules,
  EarningRulesRequest,
  ExpiryPolicy,
  FieldError,
  GrowthWindow,
  RewardRequest,
  StaffReward,
  StaffRole,
  Tier,
  TierUpsertRequest,
} from '@huiyuan/shared-types'
import { isApiError } from '../../api/client'
import { yuanToCents } from '../../lib/format'

/** Form → request mapping for the staff settings pages: pure, so the mapping is unit-tested. */

export type FormErrors = Record<string, string>
export type Mapped<T> = { ok: true; request: T } | { ok: false; errors: FormErrors }

const NOT_INT = '请输入整数'
const NOT_NUMBER = '请输入数字'

function int(text: string, field: string, errors: FormErrors): number {
  const t = text.trim()
  if (!/^-?\d+$/.test(t)) {
    errors[field] = NOT_INT
    return 0
  }
  return Number(t)
}

function intIn(text: string, field: string, min: number, max: number, errors: FormErrors): number {
  const n = int(text, field, errors)
  if (!errors[field] && (n < min || n > max)) errors[field] = `请输入 ${min}–${max} 之间的整数`
  return n
}

function optionalInt(text: string, field: string, errors: FormErrors): number | null {
  return text.trim() === '' ? null : int(text, field, errors)
}

function decimal(text: string, field: string, errors: FormErrors): number {
  const t = text.trim()
  if (!/^\d+(\.\d+)?$/.test(t)) {
    errors[field] = NOT_NUMBER
    return 0
  }
  return Number(t)
}

const result = <T>(request: T, errors: FormErrors): Mapped<T> => (Object.keys(errors).length ? { ok: false, errors } : { ok: true, request })

/**
 * The server's VALIDATION_FAILED details (one entry per field, nested fields dotted like
 * `benefits.discountPercent`) keyed by field, so each message shows next to its input.
 */
export function serverFieldErrors(error: unknown): FormErrors {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return {}
  const out: FormErrors = {}
  for (const entry of error.details as Partial<FieldError>[]) {
    if (typeof entry?.field === 'string' && Array.isArray(entry.problems)) out[entry.field] = entry.problems.join('；')
  }
  return out
}

/**
 * The shown errors the form still has: fixing a field clears its message at once, and nothing new
 * appears until the next 保存, so typing is not nagged. Unchanged errors keep their identity.
 */
export function stillWrong(shown: FormErrors, mapped: Mapped<unknown>): FormErrors {
  const keys = Object.keys(shown)
  if (keys.length === 0) return shown
  const next: FormErrors = {}
  if (!mapped.ok) for (const k of keys) if (mapped.errors[k] !== undefined) next[k] = mapped.errors[k] as string
  const same = Object.keys(next).length === keys.length && keys.every((k) => next[k] === shown[k])
  return same ? shown : next
}

// Roles ------------------------------------------------------------------------------------------

export type StaffPageKey =
  | 'poster'
  | 'verifications'
  | 'tiers'
  | 'earningRules'
  | 'rewards'
  | 'couponTemplate'
  | 'checkinRules'
  | 'referralReviews'
  | 'pointsAdjust'

const ALL: readonly StaffRole[] = ['hq_admin', 'store_manager', 'clerk']
const HQ: readonly StaffRole[] = ['hq_admin']

/** Who sees which console link; the server enforces the same roles on the routes behind each page. */
export const staffPageRoles: Record<StaffPageKey, readonly StaffRole[]> = {
  poster: ALL,
  verifications: ALL,
  tiers: HQ,
  earningRules: HQ,
  rewards: HQ,
  couponTemplate: HQ,
  checkinRules: HQ,
  referralReviews: HQ,
  pointsAdjust: HQ,
}

export const mayOpen = (role: StaffRole, page: StaffPageKey): boolean => staffPageRoles[page].includes(role)

export const mayUndoVerifications = (role: StaffRole): boolean => role === 'hq_admin' || role === 'store_manager'

/** Whether an undo is still worth offering; with the window unknown the server decides. */
export function withinUndoWindow(v: Pick<CouponVerification, 'verifiedAt' | 'undoneAt'>, windowMinutes: number | undefined, now: number): boolean {
  if (v.undoneAt) return false
  if (windowMinutes === undefined) return true
  return now - new Date(v.verifiedAt).getTime() < windowMinutes * 60_000
}

// Tiers ------------------------------------------------------------------------------------------

export interface TierForm {
  name: string
  rank: string
  entryGrowth: string
  retainGrowth: string
  discountPercent: string
  pointsMultiplier: string
  birthdayBonusPoints: string
  /** One perk per line. */
  perks: string
  cardColor: string
}

export function tierToForm(t: Tier): TierForm {
  return {
    name: t.name,
    rank: String(t.rank),
    entryGrowth: String(t.entryGrowth),
    retainGrowth: String(t.retainGrowth),
    discountPercent: String(t.benefits.discountPercent),
    pointsMultiplier: String(t.benefits.pointsMultiplier),
    birthdayBonusPoints: String(t.benefits.birthdayBonusPoints),
    perks: t.benefits.perks.join('\n'),
    cardColor: t.cardColor,
  }
}

export function tierFormToRequest(code: string, f: TierForm): Mapped<TierUpsertRequest> {
  const errors: FormErrors = {}
  const request: TierUpsertRequest = {
    code,
    name: f.name.trim(),
    rank: int(f.rank, 'rank', errors),
    entryGrowth: int(f.entryGrowth, 'entryGrowth', errors),
    retainGrowth: int(f.retainGrowth, 'retainGrowth', errors),
    benefits: {
      discountPercent: int(f.discountPercent, 'benefits.discountPercent', errors),
      pointsMultiplier: decimal(f.pointsMultiplier, 'benefits.pointsMultiplier', errors),
      birthdayBonusPoints: int(f.birthdayBonusPoints, 'benefits.birthdayBonusPoints', errors),
      perks: f.perks
        .split(/[\n,，、]/)
        .map((p) => p.trim())
        .filter(Boolean),
    },
    cardColor: f.cardColor.trim(),
  }
  return result(request, errors)
}

/** The what-if thresholds: every tier's entry growth as typed, skipping tiers whose field is not a number yet. */
export function previewThresholds(forms: Record<string, TierForm>): Array<{ code: string; entryGrowth: number }> {
  return Object.entries(forms)
    .filter(([, f]) => /^\d+$/.test(f.entryGrowth.trim()))
    .map(([code, f]) => ({ code, entryGrowth: Number(f.entryGrowth.trim()) }))
}

// Rewards ----------------------------------------------------------------------------------------

export interface RewardForm {
  title: string
  description: string
  imageUrl: string
  pointsPrice: string
  couponTemplateId: number | null
  stock: string
  /** Empty or 0: no limit. */
  perMemberLimit: string
  sortOrder: string
  active: boolean
}

export const emptyRewardForm: RewardForm = {
  title: '',
  description: '',
  imageUrl: '',
  pointsPrice: '',
  couponTemplateId: null,
  stock: '',
  perMemberLimit: '',
  sortOrder: '0',
  active: true,
}

export function rewardToForm(r: StaffReward): RewardForm {
  return {
    title: r.title,
    description: r.description,
    imageUrl: r.imageUrl ?? '',
    pointsPrice: String(r.pointsPrice),
    couponTemplateId: r.couponTemplate.id,
    stock: String(r.stock),
    perMemberLimit: String(r.perMemberLimit),
    sortOrder: String(r.sortOrder),
    active: r.active,
  }
}

export function rewardFormToRequest(f: RewardForm): Mapped<RewardRequest> {
  const errors: FormErrors = {}
  if (f.couponTemplateId === null) errors.couponTemplateId = '请选择券模板'
  const request: RewardRequest = {
    title: f.title.trim(),
    description: f.description.trim(),
    imageUrl: f.imageUrl.trim() || null,
    pointsPrice: int(f.pointsPrice, 'pointsPrice', errors),
    couponTemplateId: f.couponTemplateId ?? 0,
    stock: int(f.stock, 'stock', errors),
    perMemberLimit: optionalInt(f.perMemberLimit, 'perMemberLimit', errors) ?? 0,
    sortOrder: optionalInt(f.sortOrder, 'sortOrder', errors) ?? 0,
    active: f.active,
  }
  return result(request, errors)
}

// Coupon templates -------------------------------------------------------------------------------

export interface CouponTemplateForm {
  title: string
  kind: CouponKind
  /** Yuan, for cash coupons. */
  amount: string
  /** Yuan; empty means no minimum spend. */
  minSpend: string
  /** 85 means 8.5 折. */
  ratePercent: string
  /** Yuan; empty means no cap. */
  cap: string
  giftDescription: string
  validDays: string
  usageNotes: string
}

export const emptyCouponTemplateForm: CouponTemplateForm = {
  title: '',
  kind: 'cash',
  amount: '',
  minSpend: '',
  ratePercent: '',
  cap: '',
  giftDescription: '',
  validDays: '30',
  usageNotes: '',
}

function optionalYuan(text: string, field: string, errors: FormErrors): number | null {
  if (text.trim() === '') return null
  const cents = yuanToCents(text)
  if (cents === null) errors[field] = '请输入正确的金额（最多两位小数）'
  return cents
}

/** Only the chosen kind's fields are sent; validity is relative (N days from issue), valid in every store. */
export function couponTemplateFormToRequest(f: CouponTemplateForm): Mapped<CouponTemplateRequest> {
  const errors: FormErrors = {}
  const request: CouponTemplateRequest = {
    title: f.title.trim(),
    kind: f.kind,
    validity: { kind: 'relative', days: int(f.validDays, 'validity.days', errors), startsNextDay: false },
    storeScope: 'all',
    usageNotes: f.usageNotes.trim(),
  }
  if (f.kind === 'cash') {
    const amount = optionalYuan(f.amount, 'amountCents', errors)
    if (amount === null && !errors.amountCents) errors.amountCents = '请输入面值'
    request.amountCents = amount
    request.minSpendCents = optionalYuan(f.minSpend, 'minSpendCents', errors)
  } else if (f.kind === 'discount') {
    request.ratePercent = int(f.ratePercent, 'ratePercent', errors)
    request.capCents = optionalYuan(f.cap, 'capCents', errors)
  } else {
    request.giftDescription = f.giftDescription.trim()
  }
  return result(request, errors)
}

// Check-in rules ---------------------------------------------------------------------------------

export interface CheckinRulesForm {
  basePoints: string
  streakBonuses: Array<{ day: string; points: string }>
  cycle: CheckinCycle
  growthPerCheckin: string
  applyTierMultiplier: boolean
  makeupEnabled: boolean
  makeupCostPoints: string
  makeupPerMonth: string
}

export function checkinRulesToForm(r: CheckinRules): CheckinRulesForm {
  return {
    basePoints: String(r.basePoints),
    streakBonuses: r.streakBonuses.map((b) => ({ day: String(b.day), points: String(b.points) })),
    cycle: r.cycle,
    growthPerCheckin: String(r.growthPerCheckin),
    applyTierMultiplier: r.applyTierMultiplier,
    makeupEnabled: r.makeupEnabled,
    makeupCostPoints: String(r.makeupCostPoints),
    makeupPerMonth: String(r.makeupPerMonth),
  }
}

export function checkinFormToRequest(f: CheckinRulesForm): Mapped<CheckinRules> {
  const errors: FormErrors = {}
  const request: CheckinRules = {
    basePoints: int(f.basePoints, 'basePoints', errors),
    streakBonuses: f.streakBonuses.map((b, i) => ({ day: int(b.day, `streakBonuses.${i}.day`, errors), points: int(b.points, `streakBonuses.${i}.points`, errors) })),
    cycle: f.cycle,
    growthPerCheckin: int(f.growthPerCheckin, 'growthPerCheckin', errors),
    applyTierMultiplier: f.applyTierMultiplier,
    makeupEnabled: f.makeupEnabled,
    makeupCostPoints: int(f.makeupCostPoints, 'makeupCostPoints', errors),
    makeupPerMonth: int(f.makeupPerMonth, 'makeupPerMonth', errors),
  }
  return result(request, errors)
}

// Points adjustment ------------------------------------------------------------------------------

export type AdjustDirection = 'add' | 'deduct'

export interface PointsAdjustForm {
  direction: AdjustDirection
  points: string
  /** Shown to the member in their points history as 人工调整：<reason>. */
  reason: string
}

export const emptyPointsAdjustForm: PointsAdjustForm = { direction: 'add', points: '', reason: '' }

/** The server's limits: a delta of at most a million either way, a reason of 2–100 characters. */
export function pointsAdjustFormToRequest(f: PointsAdjustForm): Mapped<AdjustPointsRequest> {
  const errors: FormErrors = {}
  const points = intIn(f.points, 'delta', 1, 1_000_000, errors)
  const reason = f.reason.trim()
  if (reason.length < 2 || reason.length > 100) errors.reason = '请填写 2–100 个字的原因'
  return result({ delta: f.direction === 'add' ? points : -points, reason }, errors)
}

/** The details of a POINTS_INSUFFICIENT error (server points ledger): what was asked and what the member has. */
export function pointsShortfall(error: unknown): { needed: number; balance: number } | null {
  if (!isApiError(error) || !error.is('POINTS_INSUFFICIENT')) return null
  const d = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as { needed?: unknown; balance?: unknown }
  return typeof d.needed === 'number' && typeof d.balance === 'number' ? { needed: d.needed, balance: d.balance } : null
}

// Earning rules ----------------------------------------------------------------------------------

export interface EarningRulesForm {
  pointsPerYuan: string
  welcomePoints: string
  expiryKind: ExpiryPolicy['kind']
  /** Kept while another expiry kind is chosen, so switching back restores it. */
  expiryMonths: string
  memberDayEnabled: boolean
  memberDayWeekday: number
  memberDayMultiplierPct: string
  growthPerYuan: string
  growthWindow: GrowthWindow
}

export function earningRulesToForm(r: EarningRules): EarningRulesForm {
  return {
    pointsPerYuan: String(r.pointsPerYuan),
    welcomePoints: String(r.welcomePoints),
    expiryKind: r.expiry.kind,
    expiryMonths: r.expiry.kind === 'months_after_earning' ? String(r.expiry.months) : '12',
    memberDayEnabled: r.memberDay !== null,
    memberDayWeekday: r.memberDay?.weekday ?? 1,
    memberDayMultiplierPct: String(r.memberDay?.multiplierPct ?? 200),
    growthPerYuan: String(r.growthPerYuan),
    growthWindow: r.growthWindow,
  }
}

/** Ranges as the server checks them; error keys are the server's dotted field names. */
export function earningFormToRequest(f: EarningRulesForm): Mapped<EarningRulesRequest> {
  const errors: FormErrors = {}
  const expiry: ExpiryPolicy =
    f.expiryKind === 'months_after_earning' ? { kind: f.expiryKind, months: intIn(f.expiryMonths, 'expiry.months', 1, 120, errors) } : { kind: f.expiryKind }
  const request: EarningRulesRequest = {
    pointsPerYuan: intIn(f.pointsPerYuan, 'pointsPerYuan', 0, 1000, errors),
    welcomePoints: intIn(f.welcomePoints, 'welcomePoints', 0, 100_000, errors),
    expiry,
    memberDay: f.memberDayEnabled ? { weekday: f.memberDayWeekday, multiplierPct: intIn(f.memberDayMultiplierPct, 'memberDay.multiplierPct', 100, 1000, errors) } : null,
    growthPerYuan: intIn(f.growthPerYuan, 'growthPerYuan', 0, 1000, errors),
    growthWindow: f.growthWindow,
  }
  return result(request, errors)
}
