import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCoupon } from '../../api/hooks/features'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { formatDate, formatDateTime } from '../../lib/format'
import { copy } from './copy'
import { MembersOnly } from '../../components/MembersOnly'
import './index.scss'

function CouponDetailContent() {
  const id = useRouter().params.id ?? ''
  const coupon = useCoupon(id)
  const c = coupon.data
  if (!c) {
    return (
      <View className='page'>
        <PageState loading={coupon.isPending} error={coupon.error} onRetry={() => void coupon.refetch()} />
      </View>
    )
  }
  return (
    <View className='page'>
      <View className={`coupon-detail coupon--${c.status}`}>
        <Text className='coupon-detail__face'>{c.faceText}</Text>
        <Text className='coupon-detail__title'>{c.title}</Text>
        <Text className='coupon-detail__status'>{copy.status[c.status]}</Text>
        {c.status === 'active' && c.qrPng && <Image className='coupon-detail__qr' src={c.qrPng} mode='aspectFit' />}
        <Text className='coupon-detail__code' selectable>
          {copy.code} {c.code}
        </Text>
        {c.status === 'active' && <Text className='muted'>{copy.showToClerk}</Text>}
      </View>
      <Section>
        <View className='row'><Text className='row__label'>{copy.validFrom}</Text><Text>{formatDate(c.validFrom)}</Text></View>
        <View className='row'><Text className='row__label'>{copy.expires('')}</Text><Text>{formatDate(c.expiresAt)}</Text></View>
        {c.usedAt && <View className='row'><Text className='row__label'>{copy.usedAt('')}</Text><Text>{formatDateTime(c.usedAt)} {c.usedStore?.name ?? ''}</Text></View>}
        <View className='row'><Text className='row__label'>{copy.stores}</Text><Text>{c.storesText}</Text></View>
        {c.usageNotes && <View className='row'><Text className='row__label'>{copy.notes}</Text><Text className='hint'>{c.usageNotes}</Text></View>}
      </Section>
    </View>
  )
}

export default function CouponDetailPage() {
  return (
    <MembersOnly title='加入会员后即可查看优惠券'>
      <CouponDetailContent />
    </MembersOnly>
  )
}
