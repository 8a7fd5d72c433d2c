import { Button, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { isH5 } from '../../api/env'
import { useReferral } from '../../api/hooks/features'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { routes, withQuery } from '../../constants/routes'
import { formatDate } from '../../lib/format'
import { copy } from './copy'
import { MembersOnly } from '../../components/MembersOnly'
import './index.scss'

/** The join page path a friend opens; the scene is URI-encoded exactly as a QR launch passes it. */
export const referralSharePath = (code: string): string => withQuery(routes.join, { scene: `r=${code}` })

function ReferralsContent() {
  const referral = useReferral()
  const code = referral.data?.referralCode

  useShareAppMessage(() => ({ title: copy.shareTitle, path: code ? referralSharePath(code) : routes.join }))

  const copyLink = async () => {
    if (!code) return
    const link = isH5() ? `${window.location.origin}${window.location.pathname}#${referralSharePath(code)}` : referralSharePath(code)
    await Taro.setClipboardData({ data: link })
    await Taro.showToast({ title: copy.copied, icon: 'none' })
  }

  if (!referral.data) {
    return (
      <View className='page'>
        <PageState loading={referral.isPending} error={referral.error} onRetry={() => void referral.refetch()} />
      </View>
    )
  }
  const r = referral.data
  return (
    <View className='page'>
      <View className='referral__hero'>
        <Text className='referral__title'>{copy.title}</Text>
        <Text className='referral__intro'>{r.offer.enabled ? copy.offer(r.offer.qualifyingEvent, r.offer.referrerPoints, r.offer.refereePoints) : copy.offerOff}</Text>
        <Text className='referral__label'>{copy.myCode}</Text>
        <Text className='referral__code' selectable>{r.referralCode}</Text>
        <Text className='referral__total'>{copy.totalReward(r.totalRewardPoints)}</Text>
        {isH5() ? (
          <Button className='btn-primary referral__btn' onClick={() => void copyLink()}>{copy.copyLink}</Button>
        ) : (
          <Button className='btn-primary referral__btn' openType='share'>{copy.share}</Button>
        )}
      </View>
      <Section title={copy.invitations}>
        {r.invitations.length === 0 ? (
          <Text className='hint'>{copy.none}</Text>
        ) : (
          r.invitations.map((inv, i) => (
            <View className='row' key={`${inv.friendName}-${inv.joinedAt}-${i}`}>
              <View className='referral__friend'>
                <Text>{inv.friendName}</Text>
                <Text className='muted'>{formatDate(inv.joinedAt)}</Text>
              </View>
              <View className='referral__state'>
                <Text>{copy.states[inv.state]}</Text>
                {inv.rewardPoints > 0 && <Text className='points-gain'>{copy.reward(inv.rewardPoints)}</Text>}
              </View>
            </View>
          ))
        )}
      </Section>
    </View>
  )
}

export default function ReferralsPage() {
  return (
    <MembersOnly title='加入会员后即可邀请好友、赚取积分'>
      <ReferralsContent />
    </MembersOnly>
  )
}
