import type { EarningRules, EarningRulesRequest, ExpiryPolicy, GrowthWindow } from '@huiyuan/shared-types'

export interface EarningFormValues {
  pointsPerYuan: number
  welcomePoints: number
  expiryKind: ExpiryPolicy['kind']
  expiryMonths: number
  memberDayEnabled: boolean
  memberDayWeekday: number
  memberDayMultiplierPct: number
  growthPerYuan: number
  growthWindow: GrowthWindow
  /** Yuan, as typed. */
  costPer100Points: number
}

export const earningToValues = (r: EarningRules): EarningFormValues => ({
  pointsPerYuan: r.pointsPerYuan,
  welcomePoints: r.welcomePoints,
  expiryKind: r.expiry.kind,
  expiryMonths: r.expiry.kind === 'months_after_earning' ? r.expiry.months : 12,
  memberDayEnabled: r.memberDay !== null,
  memberDayWeekday: r.memberDay?.weekday ?? 1,
  memberDayMultiplierPct: r.memberDay?.multiplierPct ?? 200,
  growthPerYuan: r.growthPerYuan,
  growthWindow: r.growthWindow,
  costPer100Points: r.costPer100PointsCents / 100,
})

export const valuesToEarning = (v: EarningFormValues): EarningRulesRequest => ({
  pointsPerYuan: v.pointsPerYuan,
  welcomePoints: v.welcomePoints,
  expiry: v.expiryKind === 'months_after_earning' ? { kind: v.expiryKind, months: v.expiryMonths } : { kind: v.expiryKind },
  memberDay: v.memberDayEnabled ? { weekday: v.memberDayWeekday, multiplierPct: v.memberDayMultiplierPct } : null,
  growthPerYuan: v.growthPerYuan,
  growthWindow: v.growthWindow,
  costPer100PointsCents: Math.round(v.costPer100Points * 100),
})

/** Server field names → form fields, so a server-side problem shows on its input. */
export const earningFieldMap: Record<string, (string | number)[]> = {
  'expiry.months': ['expiryMonths'],
  'expiry.kind': ['expiryKind'],
  'memberDay.weekday': ['memberDayWeekday'],
  'memberDay.multiplierPct': ['memberDayMultiplierPct'],
  costPer100PointsCents: ['costPer100Points'],
}
