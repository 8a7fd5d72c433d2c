import { useSubscriptions } from '../../api/hooks/subscriptions'
import { SubscribeButton } from '../../components/SubscribeButton'
import { useEffect, useRef, useState } from 'react'
import { Button, Progress, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useMe } from '../../api/hooks/members'
import { useTiers, useWelcomePoints } from '../../api/hooks/programme'
import { useMemberCode } from '../../api/hooks/use-member-code'
import { useRefetchOnShow } from '../../api/hooks/use-refetch-on-show'
import { isH5 } from '../../api/env'
import { MemberCodePanel } from '../../components/MemberCodePanel'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { benefitLines, TierLadder } from '../../components/TierLadder'
import { routes } from '../../constants/routes'
import { cardTheme } from '../../lib/colors'
import { copy } from './copy'
import './index.scss'

/** While the code is on screen a clerk may be awarding points: the card asks this often. */
const TILL_POLL_MS = 3_000
const ARRIVAL_SHOWN_MS = 6_000

/** "+50 积分到账" for a while after the balance rose while the member watched. */
function usePointsArrival(points: number | undefined): number | null {
  const last = useRef<number | undefined>(undefined)
  const [arrived, setArrived] = useState<number | null>(null)
  useEffect(() => {
    const before = last.current
    last.current = points
    if (before === undefined || points === undefined || points <= before) return undefined
    setArrived(points - before)
    if (!isH5()) void Taro.vibrateShort({ type: 'light' }).catch(() => undefined)
    const timer = setTimeout(() => setArrived(null), ARRIVAL_SHOWN_MS)
    return () => clearTimeout(timer)
  }, [points])
  return arrived
}

function GuestCard() {
  const tiers = useTiers()
  const welcome = useWelcomePoints()
  return (
    <View className='page card-page'>
      <View className='member-card member-card--guest'>
        <Text className='member-card__tier'>{copy.guestTitle}</Text>
        <Text className='member-card__next'>{welcome.data ? copy.guestGift(welcome.data) : copy.guestGiftUnknown}</Text>
        <Button className='btn-primary member-card__join' onClick={() => void Taro.navigateTo({ url: routes.join })}>
          {copy.join}
        </Button>
      </View>
      <Section title={copy.tiersTitle}>
        {tiers.data ? <TierLadder tiers={tiers.data} /> : <PageState loading={tiers.isPending} error={tiers.error} onRetry={() => void tiers.refetch()} />}
      </Section>
    </View>
  )
}

export default function CardPage() {
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  const me = useMe({ pollMs: visible ? TILL_POLL_MS : undefined })
  useRefetchOnShow(me.refetch)
  const member = me.data
  const codeState = useMemberCode({ enabled: visible && !!member })
  const subscriptions = useSubscriptions(!!member)
  const arrived = usePointsArrival(member?.points)
  const tiers = useTiers()

  if (me.isPending || (me.isError && !member)) {
    return (
      <View className='page'>
        <PageState loading={me.isPending} error={me.error} onRetry={() => void me.refetch()} />
      </View>
    )
  }
  if (!member) return <GuestCard />

  const next = member.nextTier
  const percent = next && next.entryGrowth > 0 ? Math.min(100, Math.round((member.growth / next.entryGrowth) * 100)) : 100
  const theme = cardTheme(member.tier.cardColor)
  const perks = benefitLines(member.tier.benefits)
  const refresh = () => {
    codeState.refresh()
    void me.refetch()
  }

  return (
    <View className='page card-page'>
      <View className='member-card' style={{ background: theme.background, color: theme.text }} data-tier={member.tier.code}>
        <View className='member-card__top'>
          <Text className='member-card__tier'>{member.tier.name}</Text>
          <Text className='member-card__name'>{member.nickname ?? ''}</Text>
        </View>
        <Text className='member-card__no' style={{ color: theme.soft }}>
          {copy.cardNo} {member.cardNo}
        </Text>
        <View className='member-card__stats'>
          <View className='member-card__stat'>
            <Text className='member-card__value'>{member.points}</Text>
            <Text className='member-card__label' style={{ color: theme.soft }}>{copy.points}</Text>
          </View>
          <View className='member-card__stat'>
            <Text className='member-card__value'>{member.growth}</Text>
            <Text className='member-card__label' style={{ color: theme.soft }}>{copy.growth}</Text>
          </View>
        </View>
        <Progress percent={percent} strokeWidth={4} activeColor={theme.text} backgroundColor='rgba(127,127,127,0.3)' />
        <Text className='member-card__next' style={{ color: theme.soft }}>
          {next ? copy.nextTier(next.name, next.growthNeeded) : copy.topTier}
        </Text>
      </View>

      {arrived !== null && (
        <View className='card-page__arrival' role='status' ariaRole='status'>
          <Text>{copy.arrived(arrived)}</Text>
        </View>
      )}

      <MemberCodePanel state={{ ...codeState, refresh }} />

      <SubscribeButton templateIds={subscriptions.data?.moments.card ?? []} label={copy.subscribeUpdates} className='btn-plain card-page__subscribe' />

      <Section title={copy.benefits}>
        {perks.length ? (
          perks.map((b) => (
            <View className='row' key={b}>
              <Text>· {b}</Text>
            </View>
          ))
        ) : (
          <Text className='hint'>{copy.noBenefits}</Text>
        )}
      </Section>
      {tiers.data && tiers.data.length > 1 && (
        <Section title={copy.tiersTitle}>
          <TierLadder tiers={tiers.data} currentCode={member.tier.code} />
        </Section>
      )}
    </View>
  )
}
