import { Button, Text, View } from '@tarojs/components'
import { useExpiringPoints, useLedger } from '../../api/hooks/features'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { formatDate, formatDateTime } from '../../lib/format'
import { copy } from './copy'
import { MembersOnly } from '../../components/MembersOnly'
import './index.scss'

function PointsContent() {
  const expiring = useExpiringPoints()
  const ledger = useLedger()
  const entries = ledger.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <View className='page'>
      <Section title={copy.expiring}>
        {expiring.data ? (
          expiring.data.items.length ? (
            expiring.data.items.map((e) => (
              <Text key={e.expiresAt} className='warning points__expiring'>
                {copy.expiresOn(e.points, formatDate(e.expiresAt))}
              </Text>
            ))
          ) : (
            <Text className='hint'>{copy.noExpiring}</Text>
          )
        ) : (
          <PageState loading={expiring.isPending} error={expiring.error} onRetry={() => void expiring.refetch()} />
        )}
      </Section>
      <Section title={copy.ledger}>
        {ledger.isPending || ledger.isError ? (
          <PageState loading={ledger.isPending} error={ledger.error} onRetry={() => void ledger.refetch()} />
        ) : entries.length === 0 ? (
          <Text className='hint'>{copy.empty}</Text>
        ) : (
          entries.map((e) => (
            <View className='row' key={e.id}>
              <View className='points__left'>
                <Text>{e.reason}</Text>
                <Text className='muted'>{formatDateTime(e.createdAt)}</Text>
              </View>
              <View className='points__right'>
                <Text className={e.delta >= 0 ? 'points__plus' : 'points__minus'}>{e.delta >= 0 ? `+${e.delta}` : e.delta}</Text>
                <Text className='muted'>{copy.balanceAfter(e.balanceAfter)}</Text>
              </View>
            </View>
          ))
        )}
        {ledger.hasNextPage && (
          <Button className='btn-plain' size='mini' loading={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>
            {copy.more}
          </Button>
        )}
      </Section>
    </View>
  )
}

export default function PointsPage() {
  return (
    <MembersOnly title='加入会员后即可累积积分'>
      <PointsContent />
    </MembersOnly>
  )
}
