import { Text, View } from '@tarojs/components'
import './index.scss'

/** 'YYYY-MM' moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7)) - 1 + delta
  const d = new Date(y, m, 1)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

export interface MonthCalendarProps {
  month: string
  today: string
  checkedDays: string[]
  bonusDays?: string[]
  weekdays: readonly string[]
  /** Days the member may tap (e.g. missed days open to a make-up); others are not tappable. */
  tappableDays?: string[]
  selectedDay?: string | null
  onDayTap?: (date: string) => void
}

export function MonthCalendar({ month, today, checkedDays, bonusDays = [], weekdays, tappableDays = [], selectedDay, onDayTap }: MonthCalendarProps) {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  const first = new Date(y, m - 1, 1).getDay()
  const days = new Date(y, m, 0).getDate()
  const checked = new Set(checkedDays)
  const bonus = new Set(bonusDays)
  const tappable = new Set(tappableDays)
  const cells: (number | null)[] = [...Array<null>(first).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)]

  return (
    <View className='month-cal'>
      {weekdays.map((w) => (
        <Text key={w} className='month-cal__weekday'>{w}</Text>
      ))}
      {cells.map((day, i) => {
        if (day === null) return <View key={`blank-${i}`} className='month-cal__cell' />
        const date = `${month}-${String(day).padStart(2, '0')}`
        const cls = ['month-cal__cell', checked.has(date) && 'month-cal__cell--checked', date === today && 'month-cal__cell--today', bonus.has(date) && 'month-cal__cell--bonus', tappable.has(date) && 'month-cal__cell--missed', date === selectedDay && 'month-cal__cell--selected']
          .filter(Boolean)
          .join(' ')
        return (
          <View key={date} className={cls} data-date={date} data-checked={checked.has(date) ? '1' : '0'} onClick={tappable.has(date) && onDayTap ? () => onDayTap(date) : undefined}>
            <Text>{checked.has(date) ? '✓' : day}</Text>
          </View>
        )
      })}
    </View>
  )
}
