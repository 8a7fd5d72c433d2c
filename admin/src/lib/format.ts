import dayjs from 'dayjs'

export const yuan = (cents: number | null | undefined): string => (cents === null || cents === undefined ? '—' : `¥${(cents / 100).toFixed(2)}`)

/** Yuan as typed (up to two decimals) → integer cents. */
export const toCents = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : Math.round(value * 100))
export const toYuan = (cents: number | null | undefined): number | null => (cents === null || cents === undefined ? null : cents / 100)

export const day = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—')
/**
 * The business time zone: the server's default BUSINESS_TIMEZONE. "Today" in a report is the
 * programme's day there, whatever zone the browser is in.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai'

const businessClock = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** An instant as the programme's wall clock (a verification at 02:10 in Shanghai is on the 2nd, whatever the PC's zone). */
export const dateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—'
  const part = Object.fromEntries(businessClock.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`
}

/** Today as the programme counts days, YYYY-MM-DD. */
export const businessToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())

export const roleNames = { hq_admin: '总部管理员', store_manager: '店长', clerk: '店员' } as const
export const storeKindNames = { hq: '总部', region: '区域', store: '门店' } as const
export const couponKindNames = { cash: '满减券', discount: '折扣券', gift: '礼品券' } as const

/** A fresh Idempotency-Key for one user action (a retry of the same action reuses it). */
export const newActionKey = (): string => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`)
