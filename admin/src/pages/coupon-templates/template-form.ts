import type { CouponKind, CouponStoreScope, CouponTemplate, CouponTemplateRequest } from '@huiyuan/shared-types'
import dayjs, { type Dayjs } from 'dayjs'
import { toCents, toYuan } from '../../lib/format'

export interface TemplateFormValues {
  title: string
  kind: CouponKind
  /** Yuan. */
  amount: number | null
  minSpend: number | null
  ratePercent: number | null
  cap: number | null
  giftDescription: string
  validityKind: 'fixed' | 'relative'
  fixedRange: [Dayjs, Dayjs] | null
  validDays: number | null
  startsNextDay: boolean
  storeScope: CouponStoreScope
  storeCodes: string[]
  totalStock: number | null
  perMemberLimit: number | null
  perMemberDailyLimit: number | null
  minTierRank: number | null
  usageNotes: string
  active: boolean
}

export const emptyTemplate: TemplateFormValues = {
  title: '',
  kind: 'cash',
  amount: null,
  minSpend: null,
  ratePercent: null,
  cap: null,
  giftDescription: '',
  validityKind: 'relative',
  fixedRange: null,
  validDays: 30,
  startsNextDay: false,
  storeScope: 'all',
  storeCodes: [],
  totalStock: null,
  perMemberLimit: null,
  perMemberDailyLimit: null,
  minTierRank: null,
  usageNotes: '',
  active: true,
}

export const templateToValues = (t: CouponTemplate): TemplateFormValues => ({
  title: t.title,
  kind: t.kind,
  amount: toYuan(t.amountCents),
  minSpend: toYuan(t.minSpendCents),
  ratePercent: t.ratePercent,
  cap: toYuan(t.capCents),
  giftDescription: t.giftDescription ?? '',
  validityKind: t.validity.kind,
  fixedRange: t.validity.kind === 'fixed' ? [dayjs(t.validity.from), dayjs(t.validity.until)] : null,
  validDays: t.validity.kind === 'relative' ? t.validity.days : 30,
  startsNextDay: t.validity.kind === 'relative' ? t.validity.startsNextDay : false,
  storeScope: t.storeScope,
  storeCodes: t.storeCodes,
  totalStock: t.totalStock,
  perMemberLimit: t.perMemberLimit,
  perMemberDailyLimit: t.perMemberDailyLimit,
  minTierRank: t.minTierRank,
  usageNotes: t.usageNotes,
  active: t.active,
})

/** Only the chosen kind's face fields are sent; a fixed validity runs from the first day's start to the last day's end. */
export function valuesToTemplate(v: TemplateFormValues): CouponTemplateRequest {
  const request: CouponTemplateRequest = {
    title: v.title.trim(),
    kind: v.kind,
    validity:
      v.validityKind === 'fixed' && v.fixedRange
        ? { kind: 'fixed', from: v.fixedRange[0].startOf('day').toISOString(), until: v.fixedRange[1].endOf('day').toISOString() }
        : { kind: 'relative', days: v.validDays ?? 0, startsNextDay: v.startsNextDay },
    storeScope: v.storeScope,
    storeCodes: v.storeScope === 'listed' ? v.storeCodes : [],
    totalStock: v.totalStock,
    perMemberLimit: v.perMemberLimit,
    perMemberDailyLimit: v.perMemberDailyLimit,
    minTierRank: v.minTierRank,
    usageNotes: v.usageNotes.trim(),
    active: v.active,
  }
  if (v.kind === 'cash') Object.assign(request, { amountCents: toCents(v.amount), minSpendCents: toCents(v.minSpend) })
  if (v.kind === 'discount') Object.assign(request, { ratePercent: v.ratePercent, capCents: toCents(v.cap) })
  if (v.kind === 'gift') request.giftDescription = v.giftDescription.trim()
  return request
}

export const templateFieldMap: Record<string, (string | number)[]> = {
  amountCents: ['amount'],
  minSpendCents: ['minSpend'],
  capCents: ['cap'],
  'validity.days': ['validDays'],
  'validity.from': ['fixedRange'],
  'validity.until': ['fixedRange'],
}
