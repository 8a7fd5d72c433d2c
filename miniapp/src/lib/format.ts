/** Yuan typed by a clerk ("12.5") → integer cents; null when it is not a positive amount with ≤ 2 decimals. */
export function yuanToCents(input: string): number | null {
  const text = input.trim()
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null
  const [whole = '0', frac = ''] = text.split('.')
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'))
  return Number.isSafeInteger(cents) && cents > 0 ? cents : null
}

export function centsToYuan(cents: number): string {
  return (cents / 100).toFixed(2)
}

const pad = (n: number): string => String(n).padStart(2, '0')

export function formatDate(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${formatDate(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
