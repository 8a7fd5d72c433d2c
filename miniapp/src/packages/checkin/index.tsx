import { useSubscriptions } from '../../api/hooks/subscriptions'
import { SubscribeButton } from '../../components/SubscribeButton'
import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useCheckIn, useCheckinCalendar, useMakeupCheckin } from '../../api/hooks/features'
import { useMe } from '../../api/hooks/members'
import { formatDate } from '../../lib/format'
import { MonthCalendar, shiftMonth } from '../../components/MonthCalendar'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { copy } from './copy'
import { missedDays } from './makeup'
import { MembersOnly } from '../../components/MembersOnly'
import './index.scss'

function CheckinContent() {
  // Until the member pages months, the server's this month: its business calendar decides "today", not the phone's.
  const [pickedMonth, setMonth] = useState<string | null>(null)
  const calendar = useCheckinCalendar(pickedMonth)
  const month = pickedMonth ?? calendar.data?.month ?? null
  const checkIn = useCheckIn()
  const makeup = useMakeupCheckin()
  const [makeupDay, setMakeupDay] = useState<string | null>(null)
  const data = calendar.data
  const today = data?.today ?? ''
  // Make-ups fill missed days of the current month only, while the rules allow it.
  const makeupOpen = !!data && !!month && data.makeup.enabled && today.startsWith(`${month}-`)
  const me = useMe()
  const joinedAt = me.data?.joinedAt
  const missed = makeupOpen && data && month ? missedDays(month, today, data.checkedDays, joinedAt ? formatDate(joinedAt) : undefined) : []
  const pickMakeupDay = (date: string) => {
    setMakeupDay(date)
    makeup.reset()
  }
  const onMakeup = () => {
    if (makeupDay) makeup.mutate({ date: makeupDay }, { onSuccess: () => setMakeupDay(null) })
  }
  const onCheckIn = () => checkIn.mutate({ date: today })
  const subscriptions = useSubscriptions()

  return (
    <View className='page checkin'>
      <View className='checkin__hero'>
        <Text className='checkin__title'>{copy.title}</Text>
        {data && <Text className='checkin__streak'>{copy.streak(data.streak)}</Text>}
        {data && (data.checkedInToday && !checkIn.isPending ? (
          // Done for today: a status, not a control, so it cannot be tapped again.
          <View className='checkin__done' ariaRole='text' ariaLabel={copy.checkedIn}>
            <Text>{copy.checkedIn}</Text>
          </View>
        ) : (
          <Button className='btn-primary checkin__btn' disabled={checkIn.isPending} onClick={onCheckIn}>
            {checkIn.isPending ? copy.checkingIn : copy.checkIn}
          </Button>
        ))}
        {checkIn.data && (
          <Text className='checkin__result'>
            {copy.result(checkIn.data.points, checkIn.data.balance)}
            {checkIn.data.bonus > 0 ? `，${copy.bonus(checkIn.data.bonus)}` : ''}
          </Text>
        )}
        {checkIn.data && <SubscribeButton templateIds={subscriptions.data?.moments.checkin ?? []} label={copy.remindMe} className='btn-plain checkin__remind' />}
        {checkIn.isError && <Text className='error-text'>{errorMessage(checkIn.error)}</Text>}
        {data && !checkIn.data && <Text className='checkin__tomorrow'>{copy.tomorrow(data.tomorrowPoints)}</Text>}
      </View>

      {month ? (
        <Section
          title={copy.monthTitle(Number(month.slice(0, 4)), Number(month.slice(5, 7)))}
          extra={
            <View className='checkin__nav'>
              <View className='checkin__nav-btn' role='button' ariaRole='button' ariaLabel={copy.prevLabel} onClick={() => setMonth(shiftMonth(month, -1))}>
                <Text>{copy.prev}</Text>
              </View>
              <View className='checkin__nav-btn' role='button' ariaRole='button' ariaLabel={copy.nextLabel} onClick={() => setMonth(shiftMonth(month, 1))}>
                <Text>{copy.next}</Text>
              </View>
            </View>
          }
        >
          {data ? (
            <MonthCalendar
              month={month}
              today={today}
              checkedDays={data.checkedDays}
              bonusDays={data.bonusDays.map((b) => b.date)}
              weekdays={copy.weekdays}
              tappableDays={data.makeup.remainingThisMonth > 0 ? missed : []}
              selectedDay={makeupDay}
              onDayTap={pickMakeupDay}
            />
          ) : (
            <PageState loading={calendar.isPending} error={calendar.error} onRetry={() => void calendar.refetch()} />
          )}
          {data && (
            <View className='checkin__legend'>
              <Text className='checkin__legend-item'><Text className='checkin__legend-checked'>✓</Text> {copy.legendChecked}</Text>
              {data.bonusDays.length > 0 && <Text className='checkin__legend-item'><Text className='checkin__legend-star'>★</Text> {copy.legendBonus(Math.max(...data.bonusDays.map((b) => b.bonus)))}</Text>}
            </View>
          )}
        </Section>
      ) : (
        <PageState loading={calendar.isPending} error={calendar.error} onRetry={() => void calendar.refetch()} />
      )}

      {makeupOpen && data && (
        <Section title={copy.makeupTitle}>
          <Text className='hint checkin__makeup-rule'>{copy.makeupRule(data.makeup.costPoints, data.makeup.remainingThisMonth)}</Text>
          {data.makeup.remainingThisMonth <= 0 ? (
            <Text className='hint'>{copy.makeupUsedUp}</Text>
          ) : missed.length === 0 ? (
            <Text className='hint'>{copy.makeupNone}</Text>
          ) : (
            <>
              <Text className='hint'>{copy.makeupPick}</Text>
              <Button className='btn-primary checkin__makeup-btn' disabled={!makeupDay || makeup.isPending} onClick={onMakeup}>
                {makeup.isPending ? copy.makeupDoing : makeupDay ? copy.makeupDo(Number(makeupDay.slice(8, 10)), data.makeup.costPoints) : copy.makeupTitle}
              </Button>
            </>
          )}
          {makeup.isError && <Text className='error-text'>{errorMessage(makeup.error)}</Text>}
          {makeup.data && <Text className='success-text'>{copy.makeupDone(makeup.data.date, makeup.data.costPoints, makeup.data.balance)}</Text>}
        </Section>
      )}
    </View>
  )
}

export default function CheckinPage() {
  return (
    <MembersOnly title='加入会员后即可每日签到领积分'>
      <CheckinContent />
    </MembersOnly>
  )
}
