import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CouponStatus } from '@huiyuan/shared-types'
import { useCoupons } from '../../api/hooks/features'
import { PageState } from '../../components/PageState'
import { routes, withQuery } from '../../constants/routes'
import { formatDate } from '../../lib/format'
import { copy } from './copy'
import { MembersOnly } from '../../components/MembersOnly'
import './index.scss'

function CouponsContent() {
  const [status, setStatus] = useState<CouponStatus>('active')
  const coupons = useCoupons(status)
  const items = coupons.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <View className='page'>
      <View className='tabs'>
        {copy.tabs.map((t) => (
          <Text key={t.value} className={`tabs__item ${status === t.value ? 'tabs__item--active' : ''}`} onClick={() => setStatus(t.value)}>
            {t.label}
          </Text>
        ))}
      </View>
      {coupons.isPending || coupons.isError ? (
        <PageState loading={coupons.isPending} error={coupons.error} onRetry={() => void coupons.refetch()} />
      ) : items.length === 0 ? (
        <View className='coupons__empty'>
          <Text className='hint'>{copy.empty}</Text>
          {status === 'active' && (
            <Button className='btn-plain' size='mini' onClick={() => Taro.navigateTo({ url: routes.mall })}>
              {copy.toMall}
            </Button>
          )}
        </View>
      ) : (
        items.map((c) => (
          <View key={c.id} className={`coupon coupon--${c.status}`} onClick={() => Taro.navigateTo({ url: withQuery(routes.couponDetail, { id: c.id }) })}>
            <View className='coupon__face'>
              <Text className='coupon__face-text'>{c.faceText}</Text>
            </View>
            <View className='coupon__body'>
              <Text className='coupon__title'>{c.title}</Text>
              <Text className='muted'>{c.usedAt ? copy.usedAt(formatDate(c.usedAt)) : copy.expires(formatDate(c.expiresAt))}</Text>
              <Text className='muted'>{c.storesText}</Text>
            </View>
          </View>
        ))
      )}
      {coupons.hasNextPage && (
        <Button className='btn-plain coupons__more' loading={coupons.isFetchingNextPage} onClick={() => void coupons.fetchNextPage()}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

export default function CouponsPage() {
  return (
    <MembersOnly title='加入会员后即可领取和使用优惠券'>
      <CouponsContent />
    </MembersOnly>
  )
}
