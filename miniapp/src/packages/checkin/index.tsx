import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useCheckIn, useCheckinCalendar } from '../../api/hooks/features'
import { MonthCalendar, shiftMonth } from '../../components/MonthCalendar'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { copy } from './copy'
import './index.scss'

function currentMonth(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

export default function CheckinPage() {
  const [month, setMonth] = useState(currentMonth)
  const calendar = useCheckinCalendar(month)
  const checkIn = useCheckIn()
  // A second tap on a checked-in day asks again: the server answers with the first check-in, which
  // the page shows as today's result rather than an error.
  const [repeat, setRepeat] = useState(false)
  const data = calendar.data
  const today = data?.today ?? ''
  const onCheckIn = () => {
    setRepeat(data?.checkedInToday ?? false)
    checkIn.mutate({ date: today })
  }

  return (
    <View className='page checkin'>
      <View className='checkin__hero'>
        <Text className='checkin__title'>{copy.title}</Text>
        {data && <Text className='checkin__streak'>{copy.streak(data.streak)}</Text>}
        {data && (
          <Button
            className='btn-primary checkin__btn'
            disabled={checkIn.isPending}
            onClick={onCheckIn}
          >
            {checkIn.isPending ? copy.checkingIn : data.checkedInToday ? copy.checkedIn : copy.checkIn}
          </Button>
        )}
        {checkIn.data && (
          <Text className='checkin__result'>
            {(repeat ? copy.already : copy.result)(checkIn.data.points, checkIn.data.balance)}
            {checkIn.data.bonus > 0 ? `，${copy.bonus(checkIn.data.bonus)}` : ''}
          </Text>
        )}
        {checkIn.isError && <Text className='error-text'>{errorMessage(checkIn.error)}</Text>}
        {data && !checkIn.data && <Text className='checkin__tomorrow'>{copy.tomorrow(data.tomorrowPoints)}</Text>}
      </View>

      <Section
        title={copy.monthTitle(Number(month.slice(0, 4)), Number(month.slice(5, 7)))}
        extra={
          <View className='checkin__nav'>
            <Text className='checkin__nav-btn' onClick={() => setMonth(shiftMonth(month, -1))}>{copy.prev}</Text>
            <Text className='checkin__nav-btn' onClick={() => setMonth(shiftMonth(month, 1))}>{copy.next}</Text>
          </View>
        }
      >
        {data ? (
          <MonthCalendar month={month} today={today} checkedDays={data.checkedDays} bonusDays={data.bonusDays.map((b) => b.date)} weekdays={copy.weekdays} />
        ) : (
          <PageState loading={calendar.isPending} error={calendar.error} onRetry={() => void calendar.refetch()} />
        )}
      </Section>
    </View>
  )
}
