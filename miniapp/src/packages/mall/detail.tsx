import { useSubscriptions } from '../../api/hooks/subscriptions'
import { SubscribeButton } from '../../components/SubscribeButton'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useRedeem, useReward } from '../../api/hooks/features'
import { useMe } from '../../api/hooks/members'
import { PageState } from '../../components/PageState'
import { RewardImage } from '../../components/RewardImage'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { routes, withQuery } from '../../constants/routes'
import { confirmDialog } from '../../lib/dialog'
import { copy } from './copy'
import './index.scss'

export default function RewardDetailPage() {
  const id = useRouter().params.id ?? ''
  const reward = useReward(id)
  const me = useMe()
  const redeem = useRedeem(id)
  const subscriptions = useSubscriptions(!!me.data)

  if (!reward.data) {
    return (
      <View className='page'>
        <PageState loading={reward.isPending} error={reward.error} onRetry={() => void reward.refetch()} />
      </View>
    )
  }
  const r = reward.data
  // Until the card has loaded the balance is unknown: neither "积分不足" nor a live button yet.
  const balance = me.data?.points ?? 0
  const balanceKnown = !!me.data
  const affordable = balanceKnown && balance >= r.pointsPrice
  const soldOut = r.stockLeft <= 0
  const label = soldOut ? copy.soldOut : me.data === null ? copy.joinFirst : !balanceKnown || affordable ? copy.redeem : copy.notEnough

  const onRedeem = async () => {
    if (!(await confirmDialog({ title: copy.confirmTitle, content: copy.confirmBody(r.title, r.pointsPrice, balance - r.pointsPrice) }))) return
    redeem.mutate({ rewardId: id })
  }

  return (
    <View className='page mall-detail'>
      <RewardImage url={r.imageUrl} className='mall-detail__img' />
      <Section title={r.title}>
        <Text className='mall__price'>{copy.price(r.pointsPrice)}</Text>
        <Text className='hint mall-detail__desc'>{r.description}</Text>
        <View className='row'><Text className='row__label'>{copy.validity}</Text><Text>{r.couponTemplate.validityText}</Text></View>
        <View className='row'><Text className='row__label'>{copy.stores}</Text><Text>{r.couponTemplate.storesText}</Text></View>
        <View className='row'><Text className='row__label'>{copy.stock(r.stockLeft)}</Text><Text>{copy.limit(r.perMemberLimit)}</Text></View>
      </Section>
      <View className='mall-detail__actions'>
        {me.data && <Text className='hint'>{copy.myPoints(balance)}</Text>}
        {me.isError && <Text className='error-text'>{errorMessage(me.error)}</Text>}
        {redeem.data ? (
          <View className='mall-detail__done'>
            <Text className='success-text'>{copy.redeemed}</Text>
            <Text className='hint'>{copy.redeemedBody(redeem.data.coupon.code, redeem.data.balance)}</Text>
            <Button className='btn-primary' onClick={() => Taro.redirectTo({ url: withQuery(routes.couponDetail, { id: redeem.data.coupon.id }) })}>
              {copy.toWallet}
            </Button>
            <SubscribeButton templateIds={subscriptions.data?.moments.redeem ?? []} label={copy.remindExpiry} />
          </View>
        ) : me.data === null && !soldOut ? (
          <Button className='btn-primary' onClick={() => Taro.navigateTo({ url: routes.join })}>
            {label}
          </Button>
        ) : (
          // No `loading` spinner here: in H5, Taro's button renders it a frame later, after React has
          // already swapped this button for the result and the spinner's anchor node is gone.
          <Button className='btn-primary' disabled={soldOut || !affordable || redeem.isPending} onClick={() => void onRedeem()}>
            {redeem.isPending ? copy.redeeming : label}
          </Button>
        )}
        {redeem.isError && <Text className='error-text'>{errorMessage(redeem.error)}</Text>}
      </View>
    </View>
  )
}
