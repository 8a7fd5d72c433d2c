import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { MemberSummary } from '@huiyuan/shared-types'
import { useAdjustPoints, useMemberLedger, useStaffMember } from '../../api/hooks/staff'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { routes } from '../../constants/routes'
import { formatDateTime } from '../../lib/format'
import { copy as staffCopy, formCopy, pointsAdjustCopy as copy } from './copy'
import { emptyPointsAdjustForm, pointsAdjustFormToRequest, pointsShortfall, serverFieldErrors, type PointsAdjustForm } from './forms'
import { Chips, Field, FormError, Row, StaffGate } from './parts'
import { useFormErrors } from './use-forms'
import './index.scss'

const shownFields = ['delta', 'reason']

function Ledger({ memberId }: { memberId: number }) {
  const ledger = useMemberLedger(memberId)
  const entries = ledger.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Section title={copy.ledger}>
      {!ledger.data ? (
        <PageState loading={ledger.isPending} error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : entries.length === 0 ? (
        <Text className='hint'>{copy.ledgerEmpty}</Text>
      ) : (
        entries.map((e) => (
          <View className='row ledger-row' key={e.id}>
            <View className='ledger-row__left'>
              <Text>{e.reason}</Text>
              <Text className='muted'>{formatDateTime(e.createdAt)}</Text>
            </View>
            <View className='ledger-row__right'>
              <Text className={e.delta >= 0 ? 'ledger-row__plus' : 'ledger-row__minus'}>{e.delta >= 0 ? `+${e.delta}` : e.delta}</Text>
              <Text className='muted'>{copy.balanceAfter(e.balanceAfter)}</Text>
            </View>
          </View>
        ))
      )}
      {ledger.hasNextPage && (
        <Button className='btn-plain staff__btn' disabled={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>
          {ledger.isFetchingNextPage ? formCopy.loading : formCopy.loadMore}
        </Button>
      )}
      {ledger.data && ledger.isError && <Text className='error-text'>{errorMessage(ledger.error)}</Text>}
    </Section>
  )
}

function AdjustForm({ member }: { member: MemberSummary }) {
  const adjust = useAdjustPoints()
  const [form, setForm] = useState<PointsAdjustForm>(emptyPointsAdjustForm)
  const { shown: local, check } = useFormErrors(form, pointsAdjustFormToRequest)
  // A second tap while the confirmation is open or the request is out must not start another adjustment.
  const busy = useRef(false)
  const errors = { ...serverFieldErrors(adjust.error), ...local }
  const shortfall = pointsShortfall(adjust.error)

  const set = (patch: Partial<PointsAdjustForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    adjust.reset()
  }

  const submit = async () => {
    if (busy.current) return
    const mapped = check(form)
    if (!mapped.ok) return
    busy.current = true
    try {
      const who = member.nickname ? `${member.nickname}（${member.cardNo}）` : member.cardNo
      const { confirm } = await Taro.showModal({ title: copy.confirmTitle, content: copy.confirmBody(who, mapped.request.delta, member.points) })
      if (!confirm) return
      await adjust.mutateAsync({ member: { id: member.id, cardNo: member.cardNo }, body: mapped.request })
      setForm((f) => ({ ...f, points: '', reason: '' }))
    } catch {
      // A refusal shows from adjust.error.
    } finally {
      busy.current = false
    }
  }

  return (
    <Section title={copy.title}>
      <View className='field'>
        <Text className='field__label'>{copy.direction}</Text>
        <Chips options={copy.directions} value={form.direction} onChange={(direction) => set({ direction })} />
      </View>
      <Field name='points' label={copy.points} value={form.points} type='number' placeholder={copy.pointsPlaceholder} error={errors.delta} onInput={(points) => set({ points })} />
      <Field name='reason' label={copy.reason} value={form.reason} placeholder={copy.reasonPlaceholder} hint={copy.reasonHint} error={errors.reason} onInput={(reason) => set({ reason })} />
      {shortfall ? <Text className='error-text admin__form-error'>{copy.insufficient(shortfall.needed, shortfall.balance)}</Text> : <FormError error={adjust.error} shownFields={shownFields} own={local} />}
      {adjust.data && adjust.variables && <Text className='success-text'>{copy.done(adjust.variables.body.delta, adjust.data.balance)}</Text>}
      <Button className='btn-primary staff__btn' disabled={adjust.isPending} onClick={() => void submit()}>
        {adjust.isPending ? copy.submitting : copy.submit}
      </Button>
    </Section>
  )
}

function PointsAdjust() {
  const cardNo = useRouter().params.cardNo ?? ''
  const member = useStaffMember(cardNo)

  if (!cardNo) {
    return (
      <View className='page'>
        <Section>
          <Text className='hint'>{copy.needMember}</Text>
          <Button className='btn-primary staff__btn' onClick={() => Taro.redirectTo({ url: routes.staffConsole })}>
            {staffCopy.backToConsole}
          </Button>
        </Section>
      </View>
    )
  }
  if (!member.data) {
    return (
      <View className='page'>
        <PageState loading={member.isPending} error={member.error} onRetry={() => void member.refetch()} />
      </View>
    )
  }
  const m = member.data
  return (
    <View className='page'>
      <Section title={copy.member}>
        <View className='staff__result points-adjust__member'>
          <Row label={staffCopy.member.cardNo} value={m.cardNo} />
          <Row label={staffCopy.member.nickname} value={m.nickname ?? '—'} />
          <Row label={staffCopy.member.tier} value={m.tier.name} />
          <Row label={copy.balance} value={m.points} />
        </View>
      </Section>
      <AdjustForm member={m} />
      <Ledger memberId={m.id} />
    </View>
  )
}

export default function PointsAdjustPage() {
  return <StaffGate page='pointsAdjust'>{() => <PointsAdjust />}</StaffGate>
}
