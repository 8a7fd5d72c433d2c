import { Button, Text, View } from '@tarojs/components'
import type { ReferralReview } from '@huiyuan/shared-types'
import { useDecideReferral, useReferralReviews } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { formatDateTime } from '../../lib/format'
import { formCopy, referralReviewsCopy as copy } from './copy'
import { StaffGate } from './parts'
import './index.scss'

const who = (m: ReferralReview['referrer']) => `${m.nickname ?? ''} ${m.cardNo}`.trim()

function Reviews() {
  const reviews = useReferralReviews()
  const decide = useDecideReferral()
  const rows = reviews.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <View className='page'>
      <Section title={copy.title}>
        {!reviews.data ? (
          <PageState loading={reviews.isPending} error={reviews.error} onRetry={() => void reviews.refetch()} />
        ) : rows.length === 0 ? (
          <Text className='hint'>{copy.empty}</Text>
        ) : (
          rows.map((r) => {
            const mine = decide.variables?.id === r.id
            return (
              <View key={r.id} className='admin__item'>
                <View className='row'>
                  <Text className='row__label'>{copy.referrer}</Text>
                  <Text className='row__value'>{who(r.referrer)}</Text>
                </View>
                <View className='row'>
                  <Text className='row__label'>{copy.referee}</Text>
                  <Text className='row__value'>{who(r.referee)}</Text>
                </View>
                {r.flagReason && (
                  <View className='row'>
                    <Text className='row__label'>{copy.reason}</Text>
                    <Text className='row__value warning'>{copy.reasons[r.flagReason]}</Text>
                  </View>
                )}
                <View className='row'>
                  <Text className='row__label'>{copy.joinedAt}</Text>
                  <Text className='row__value'>{formatDateTime(r.joinedAt)}</Text>
                </View>
                {r.qualifiedAt && (
                  <View className='row'>
                    <Text className='row__label'>{copy.qualifiedAt}</Text>
                    <Text className='row__value'>{formatDateTime(r.qualifiedAt)}</Text>
                  </View>
                )}
                {mine && decide.isError && <Text className='error-text'>{errorMessage(decide.error)}</Text>}
                <View className='admin__actions'>
                  <Button className='btn-danger' disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, decision: 'reject' })}>{copy.reject}</Button>
                  <Button className='btn-primary' disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, decision: 'approve' })}>{mine && decide.isPending ? formCopy.saving : copy.approve}</Button>
                </View>
              </View>
            )
          })
        )}
        {reviews.hasNextPage && (
          <Button className='btn-plain staff__btn' disabled={reviews.isFetchingNextPage} onClick={() => void reviews.fetchNextPage()}>
            {reviews.isFetchingNextPage ? formCopy.loading : formCopy.loadMore}
          </Button>
        )}
      </Section>
    </View>
  )
}

export default function ReferralReviewsPage() {
  return <StaffGate page='referralReviews'>{() => <Reviews />}</StaffGate>
}
