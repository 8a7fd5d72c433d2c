import { Text, View } from '@tarojs/components'
import type { Member360, MemberSummary } from '@huiyuan/shared-types'
import { useMember360 } from '../../api/hooks/staff'
import { centsToYuan, formatDate, formatDateTime } from '../../lib/format'
import { glanceCopy as copy } from './copy'

/** What the counter shows of the history: a few lines, the clerk reads it while the customer waits. */
const RECENT = 3

export function recentPurchases(m: Member360) {
  return m.purchases.slice(0, RECENT)
}

export function usableCoupons(m: Member360) {
  return m.coupons.filter((c) => c.status === 'active').slice(0, RECENT)
}

/**
 * The member at a glance after a look-up: tags and last visit from the look-up itself, recent
 * purchases and usable coupons from the staff 360 (GET /staff/members/{id}/360).
 */
export function MemberGlance({ member }: { member: MemberSummary }) {
  const detail = useMember360(member.id)
  const m = detail.data
  return (
    <View className='staff__glance'>
      <View className='staff__glance-row'>
        <Text className='staff__glance-label'>{copy.tags}</Text>
        <View className='staff__tags'>
          {member.tags.length === 0 ? <Text className='hint'>{copy.noTags}</Text> : member.tags.map((tag) => <Text key={tag} className='staff__tag'>{tag}</Text>)}
        </View>
      </View>
      <View className='staff__glance-row'>
        <Text className='staff__glance-label'>{copy.lastVisit}</Text>
        <Text className='staff__glance-value'>{member.lastVisitAt ? formatDateTime(member.lastVisitAt) : copy.neverVisited}</Text>
      </View>
      {!m ? (
        // Without the history the look-up above is still all the sale needs: no error box at the till.
        !detail.isError && <Text className='hint staff__glance-loading'>{copy.loading}</Text>
      ) : (
        <>
          <View className='staff__glance-block'>
            <Text className='staff__glance-label'>{copy.purchases}</Text>
            {recentPurchases(m).length === 0 ? (
              <Text className='hint'>{copy.noPurchases}</Text>
            ) : (
              recentPurchases(m).map((p) => (
                <Text key={p.id} className='staff__glance-line'>
                  {copy.purchase(formatDate(p.at), p.storeName, centsToYuan(p.amountCents), p.points)}
                  {p.refundedCents > 0 ? copy.refunded(centsToYuan(p.refundedCents)) : ''}
                </Text>
              ))
            )}
          </View>
          <View className='staff__glance-block'>
            <Text className='staff__glance-label'>{copy.coupons}</Text>
            {usableCoupons(m).length === 0 ? (
              <Text className='hint'>{copy.noCoupons}</Text>
            ) : (
              usableCoupons(m).map((c) => (
                <Text key={c.id} className='staff__glance-line'>
                  {copy.coupon(c.title, c.faceText, formatDate(c.expiresAt))}
                </Text>
              ))
            )}
          </View>
        </>
      )}
    </View>
  )
}
