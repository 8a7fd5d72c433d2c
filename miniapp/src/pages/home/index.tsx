import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMe } from '../../api/hooks/members'
import { useWelcomePoints } from '../../api/hooks/programme'
import { useRefetchOnShow } from '../../api/hooks/use-refetch-on-show'
import { PageState } from '../../components/PageState'
import { Tile } from '../../components/Tile'
import { routes } from '../../constants/routes'
import { copy } from './copy'
import './index.scss'

function greeting(hour: number): string {
  if (hour < 12) return copy.greetingMorning
  if (hour < 18) return copy.greetingAfternoon
  return copy.greetingEvening
}

const tiles = [
  { key: 'checkin', url: routes.checkin },
  { key: 'mall', url: routes.mall },
  { key: 'coupons', url: routes.coupons },
  { key: 'referrals', url: routes.referrals },
  { key: 'points', url: routes.points },
] as const

export default function HomePage() {
  const me = useMe()
  useRefetchOnShow(me.refetch)
  const member = me.data
  const welcome = useWelcomePoints()
  const name = member?.nickname || copy.guestName

  return (
    <View className='page home'>
      <View className='home__hero'>
        <Text className='home__greeting'>
          {greeting(new Date().getHours())}，{name}
        </Text>
        <Text className='home__welcome'>{copy.welcome}</Text>
        {member && (
          <View className='home__stats' onClick={() => Taro.switchTab({ url: routes.card })} role='button' ariaRole='button' ariaLabel={`${copy.points} ${member.points}，${copy.tier} ${member.tier.name}`}>
            <View className='home__stat'>
              <Text className='home__stat-value'>{member.points}</Text>
              <Text className='home__stat-label'>{copy.points}</Text>
            </View>
            <View className='home__stat'>
              <Text className='home__stat-value'>{member.tier.name}</Text>
              <Text className='home__stat-label'>{copy.tier}</Text>
            </View>
          </View>
        )}
      </View>

      {me.isPending && <PageState loading />}
      {me.isError && <PageState error={me.error} onRetry={() => void me.refetch()} />}
      {member === null && (
        <View className='home__join'>
          <Text className='home__join-text'>{copy.notMember(welcome.data)}</Text>
          <Button className='btn-primary home__join-btn' onClick={() => Taro.navigateTo({ url: routes.join })}>
            {copy.join}
          </Button>
        </View>
      )}

      <View className='home__tiles'>
        {tiles.map((tile) => (
          <Tile
            key={tile.key}
            icon={copy.tiles[tile.key].icon}
            title={copy.tiles[tile.key].title}
            subtitle={copy.tiles[tile.key].subtitle}
            onClick={() => Taro.navigateTo({ url: tile.url })}
          />
        ))}
      </View>
    </View>
  )
}
