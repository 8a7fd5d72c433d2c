import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRewards } from '../../api/hooks/features'
import { useMe } from '../../api/hooks/members'
import { PageState } from '../../components/PageState'
import { RewardImage } from '../../components/RewardImage'
import { routes, withQuery } from '../../constants/routes'
import { copy } from './copy'
import './index.scss'

export default function MallPage() {
  const me = useMe()
  const rewards = useRewards()
  const items = rewards.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <View className='page mall'>
      <View className='mall__head'>
        <Text className='mall__title'>{copy.title}</Text>
        {me.data && <Text className='mall__points'>{copy.myPoints(me.data.points)}</Text>}
      </View>
      {rewards.isPending || rewards.isError ? (
        <PageState loading={rewards.isPending} error={rewards.error} onRetry={() => void rewards.refetch()} />
      ) : (
        <View className='mall__grid'>
          {items.map((r) => (
            <View key={r.id} className='mall__item' onClick={() => Taro.navigateTo({ url: withQuery(routes.mallDetail, { id: r.id }) })}>
              <RewardImage url={r.imageUrl} className='mall__img' />
              <Text className='mall__name'>{r.title}</Text>
              <Text className='mall__price'>{copy.price(r.pointsPrice)}</Text>
              <Text className='muted'>{copy.stock(r.stockLeft)}</Text>
            </View>
          ))}
        </View>
      )}
      {!rewards.isPending && !rewards.isError && items.length === 0 && <Text className='hint mall__empty'>{copy.empty}</Text>}
      {rewards.hasNextPage && (
        <Button className='btn-plain mall__more' loading={rewards.isFetchingNextPage} onClick={() => void rewards.fetchNextPage()}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}
