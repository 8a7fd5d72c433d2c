/**
 * Days of `month` before `today` with no check-in, from the join day on (the server refuses days
 * before the member joined): the ones a make-up (补签) can fill.
 */
export function missedDays(month: string, today: string, checkedDays: readonly string[], joinedDay?: string): string[] {
  if (!today.startsWith(`${month}-`)) return []
  const checked = new Set(checkedDays)
  const todayNum = Number(today.slice(8, 10))
  const out: string[] = []
  for (let d = 1; d < todayNum; d += 1) {
    const date = `${month}-${String(d).padStart(2, '0')}`
    if (!checked.has(date) && (!joinedDay || date >= joinedDay)) out.push(date)
  }
  return out
}
