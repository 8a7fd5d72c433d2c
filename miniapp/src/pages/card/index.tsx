import { useState } from 'react'
import { Button, Progress, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useMe } from '../../api/hooks/members'
import { useMemberCode } from '../../api/hooks/use-member-code'
import { useRefetchOnShow } from '../../api/hooks/use-refetch-on-show'
import { MemberCodePanel } from '../../components/MemberCodePanel'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { routes } from '../../constants/routes'
import { copy } from './copy'
import './index.scss'

export default function CardPage() {
  const me = useMe()
  useRefetchOnShow(me.refetch)
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  const member = me.data
  const codeState = useMemberCode({ enabled: visible && !!member })

  if (me.isPending || me.isError) {
    return (
      <View className='page'>
        <PageState loading={me.isPending} error={me.error} onRetry={() => void me.refetch()} />
      </View>
    )
  }
  if (!member) {
    return (
      <View className='page card-page__empty'>
        <Text className='hint'>{copy.notMember}</Text>
        <Button className='btn-primary' onClick={() => Taro.navigateTo({ url: routes.join })}>
          {copy.join}
        </Button>
      </View>
    )
  }

  const next = member.nextTier
  const percent = next && next.entryGrowth > 0 ? Math.min(100, Math.round((member.growth / next.entryGrowth) * 100)) : 100
  const { benefits } = member.tier
  const perks = [
    ...(benefits.discountPercent < 100 ? [copy.discount(benefits.discountPercent)] : []),
    ...(benefits.pointsMultiplier > 1 ? [copy.multiplier(benefits.pointsMultiplier)] : []),
    ...(benefits.birthdayBonusPoints > 0 ? [copy.birthdayBonus(benefits.birthdayBonusPoints)] : []),
    ...benefits.perks,
  ]

  return (
    <View className='page card-page'>
      <View className='member-card'>
        <View className='member-card__top'>
          <Text className='member-card__tier'>{member.tier.name}</Text>
          <Text className='member-card__name'>{member.nickname ?? ''}</Text>
        </View>
        <Text className='member-card__no'>
          {copy.cardNo} {member.cardNo}
        </Text>
        <View className='member-card__stats'>
          <View className='member-card__stat'>
            <Text className='member-card__value'>{member.points}</Text>
            <Text className='member-card__label'>{copy.points}</Text>
          </View>
          <View className='member-card__stat'>
            <Text className='member-card__value'>{member.growth}</Text>
            <Text className='member-card__label'>{copy.growth}</Text>
          </View>
        </View>
        <Progress percent={percent} strokeWidth={4} activeColor='#f3d27a' backgroundColor='rgba(255,255,255,0.2)' />
        <Text className='member-card__next'>
          {next ? copy.nextTier(next.name, next.growthNeeded) : copy.topTier}
        </Text>
      </View>

      <MemberCodePanel state={codeState} />

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
    </View>
  )
}
