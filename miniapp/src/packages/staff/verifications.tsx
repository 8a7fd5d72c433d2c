import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import type { CouponVerification, StaffProfile } from '@huiyuan/shared-types'
import { useCouponSettings, useUndoVerification, useVerifications } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { formatDateTime } from '../../lib/format'
import { confirmDialog } from '../../lib/dialog'
import { formCopy, verificationsCopy as copy } from './copy'
import { mayUndoVerifications, withinUndoWindow } from './forms'
import { StaffGate, StorePicker, useStoreChoice } from './parts'
import './index.scss'

function localToday(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

function Verifications({ staff }: { staff: StaffProfile }) {
  const choice = useStoreChoice(staff)
  const [date, setDate] = useState(localToday)
  const list = useVerifications(choice.code, date)
  const canUndo = mayUndoVerifications(staff.role)
  const settings = useCouponSettings(canUndo)
  const undo = useUndoVerification()
  const windowMinutes = settings.data?.undoWindowMinutes

  const confirmUndo = async (v: CouponVerification) => {
    if (await confirmDialog({ title: copy.undo, content: copy.confirmUndo, danger: true })) undo.mutate({ id: v.id })
  }

  const rows = list.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <View className='page'>
      <Section title={copy.title}>
        <StorePicker choice={choice} />
        {choice.store && <Text className='staff__who'>{choice.store.name}</Text>}
        <View className='field'>
          <Text className='field__label'>{copy.date}</Text>
          <Picker mode='date' value={date} end={localToday()} onChange={(e) => setDate(String(e.detail.value))}>
            <Text className='admin__picker'>{date}</Text>
          </Picker>
        </View>
        {canUndo && windowMinutes !== undefined && <Text className='hint'>{copy.undoWindow(windowMinutes)}</Text>}
      </Section>

      <Section>
        {!list.data ? (
          <PageState loading={list.isPending && !!choice.code} error={list.error} onRetry={() => void list.refetch()} />
        ) : rows.length === 0 ? (
          <Text className='hint'>{copy.empty}</Text>
        ) : (
          rows.map((v) => {
            const failed = undo.isError && undo.variables?.id === v.id
            const pending = undo.isPending && undo.variables?.id === v.id
            return (
              <View key={v.id} className='admin__item verification'>
                <View className='admin__item-head'>
                  <Text className='admin__item-title'>{v.coupon.title}</Text>
                  {v.undoneAt ? (
                    <Text className='muted'>{copy.undone}</Text>
                  ) : (
                    canUndo &&
                    withinUndoWindow(v, windowMinutes, Date.now()) && (
                      <Button size='mini' className='btn-danger' disabled={pending} onClick={() => void confirmUndo(v)}>
                        {pending ? copy.undoing : copy.undo}
                      </Button>
                    )
                  )}
                </View>
                <Text className='muted'>{v.coupon.faceText} · {v.coupon.code}</Text>
                <View className='row'>
                  <Text className='row__label'>{copy.member}</Text>
                  <Text className='row__value'>{`${v.member.nickname ?? ''} ${v.member.cardNo}`}</Text>
                </View>
                <View className='row'>
                  <Text className='row__label'>{copy.time}</Text>
                  <Text className='row__value'>{formatDateTime(v.verifiedAt)}</Text>
                </View>
                {v.verifiedBy && (
                  <View className='row'>
                    <Text className='row__label'>{copy.by}</Text>
                    <Text className='row__value'>{v.verifiedBy.displayName}</Text>
                  </View>
                )}
                {failed && <Text className='error-text'>{errorMessage(undo.error)}</Text>}
              </View>
            )
          })
        )}
        {list.hasNextPage && (
          <Button className='btn-plain staff__btn' disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {list.isFetchingNextPage ? formCopy.loading : formCopy.loadMore}
          </Button>
        )}
        {list.data && list.isError && <Text className='error-text'>{errorMessage(list.error)}</Text>}
      </Section>
    </View>
  )
}

export default function VerificationsPage() {
  return <StaffGate page='verifications'>{(staff) => <Verifications staff={staff} />}</StaffGate>
}
