import { Text, View } from '@tarojs/components'
import { useSubscriptions } from '../../api/hooks/subscriptions'
import { MembersOnly } from '../../components/MembersOnly'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { SubscribeButton } from '../../components/SubscribeButton'
import { copy } from '../../components/SubscribeButton/copy'
import './index.scss'

function SubscriptionsContent() {
  const subscriptions = useSubscriptions()
  const items = subscriptions.data?.items ?? []
  return (
    <View className='page'>
      <Section title={copy.title}>
        <Text className='hint'>{copy.intro}</Text>
      </Section>
      {!subscriptions.data && <PageState loading={subscriptions.isPending} error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />}
      {subscriptions.data && items.length === 0 && <Text className='hint'>{copy.empty}</Text>}
      {items.map((item) => (
        <View key={item.templateId} className='subscription' data-testid='subscription-row'>
          <View className='subscription__text'>
            <Text className='subscription__title'>{item.title}</Text>
            <Text className='muted'>{copy.purpose[item.purpose]}</Text>
            <Text className={item.remaining > 0 ? 'subscription__count' : 'muted'}>{copy.remaining(item.remaining)}</Text>
            {item.unconfirmed > 0 && <Text className='muted'>{copy.unconfirmed(item.unconfirmed)}</Text>}
            {item.status === 'off' && <Text className='warning'>{copy.off}</Text>}
          </View>
          <SubscribeButton templateIds={[item.wechatTemplateId]} label={item.remaining > 0 ? copy.subscribeMore : copy.subscribe} className='btn-plain subscription__button' />
        </View>
      ))}
    </View>
  )
}

export default function SubscriptionsPage() {
  return (
    <MembersOnly title={copy.title}>
      <SubscriptionsContent />
    </MembersOnly>
  )
}
