import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { CareTaskOutcome, CareTaskView } from '@huiyuan/shared-types'
import { useMember360 } from '../../api/hooks/staff'
import { useCareTasks, useCompleteCareTask } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { centsToYuan, formatDate, formatDateTime } from '../../lib/format'
import { recentPurchases, usableCoupons } from './counter-glance'
import { careTasksCopy as copy, glanceCopy } from './copy'
import { StaffGate } from './parts'
import './index.scss'

/** The member at a glance (the staff 360, compact): what the clerk needs before calling. */
function TaskMember({ memberId }: { memberId: number }) {
  const detail = useMember360(memberId)
  const m = detail.data
  if (!m) return detail.isError ? <Text className='error-text'>{errorMessage(detail.error)}</Text> : <Text className='hint'>{copy.memberLoading}</Text>
  return (
    <View className='staff__glance care-task__glance'>
      <View className='staff__glance-block'>
        <Text className='staff__glance-line'>{copy.memberLine(m.card.tier.name, m.card.points, m.profile.phoneMasked)}</Text>
        <Text className='staff__glance-line'>{copy.lastVisit(m.stats.lastVisitAt ? formatDateTime(m.stats.lastVisitAt) : null)}</Text>
      </View>
      {m.tags.length > 0 && (
        <View className='staff__tags'>
          {m.tags.map((tag) => <Text key={tag.id} className='staff__tag'>{tag.name}</Text>)}
        </View>
      )}
      <View className='staff__glance-block'>
        <Text className='staff__glance-label'>{glanceCopy.purchases}</Text>
        {recentPurchases(m).length === 0 ? (
          <Text className='hint'>{glanceCopy.noPurchases}</Text>
        ) : (
          recentPurchases(m).map((p) => <Text key={p.id} className='staff__glance-line'>{glanceCopy.purchase(formatDate(p.at), p.storeName, centsToYuan(p.amountCents), p.points)}</Text>)
        )}
      </View>
      <View className='staff__glance-block'>
        <Text className='staff__glance-label'>{glanceCopy.coupons}</Text>
        {usableCoupons(m).length === 0 ? (
          <Text className='hint'>{glanceCopy.noCoupons}</Text>
        ) : (
          usableCoupons(m).map((c) => <Text key={c.id} className='staff__glance-line'>{glanceCopy.coupon(c.title, c.faceText, formatDate(c.expiresAt))}</Text>)
        )}
      </View>
    </View>
  )
}

function TaskCard({ task, today }: { task: CareTaskView; today: string }) {
  const [showMember, setShowMember] = useState(false)
  const [outcome, setOutcome] = useState<(typeof copy.outcomes)[number]['value'] | null>(null)
  const [note, setNote] = useState('')
  const complete = useCompleteCareTask()
  const save = () => {
    if (!outcome) {
      void Taro.showToast({ title: copy.pickOutcome, icon: 'none' })
      return
    }
    complete.mutate({ id: task.id, body: { outcome: outcome as CareTaskOutcome, note: note.trim() || undefined } }, { onSuccess: () => void Taro.showToast({ title: copy.saved, icon: 'success' }) })
  }
  return (
    <View className='staff__result care-task' data-task-id={task.id}>
      <View className='care-task__head'>
        <Text className='care-task__kind'>{copy.kinds[task.kind]}</Text>
        <Text className={task.expiresDay === today ? 'care-task__due care-task__due--today' : 'care-task__due'}>{task.expiresDay === today ? copy.dueToday : copy.dueBy(task.expiresDay)}</Text>
      </View>
      <Text className='care-task__member'>
        {task.member.nickname ?? '会员'} · {task.member.tierName} · {task.member.cardNo}
        {task.member.phoneLast4 ? ` · ${copy.phone(task.member.phoneLast4)}` : ''}
      </Text>
      <Text className='hint'>{task.reason}</Text>
      <View className='care-task__open-member' role='button' ariaRole='button' onClick={() => setShowMember((v) => !v)}>
        <Text>{showMember ? copy.hideMember : copy.openMember}</Text>
      </View>
      {showMember && <TaskMember memberId={task.member.id} />}
      <View className='staff__kinds' role='radiogroup' ariaRole='radiogroup'>
        {copy.outcomes.map((o) => (
          <View key={o.value} className={`staff__kind ${outcome === o.value ? 'staff__kind--active' : ''}`} role='radio' ariaRole='radio' ariaLabel={o.label} onClick={() => setOutcome(o.value)}>
            <Text>{o.label}</Text>
          </View>
        ))}
      </View>
      <Input className='staff__search-input care-task__note' value={note} maxlength={500} placeholder={copy.notePlaceholder} onInput={(e) => setNote(e.detail.value)} />
      {complete.error && <Text className='error-text'>{errorMessage(complete.error)}</Text>}
      <Button className='btn-primary staff__btn' disabled={complete.isPending} onClick={save}>
        {copy.save}
      </Button>
    </View>
  )
}

function CareTasks() {
  const tasks = useCareTasks()
  usePullDownRefresh(() => void tasks.refetch().finally(() => Taro.stopPullDownRefresh()))
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  return (
    <View className='page'>
      <Section title={copy.title}>
        <PageState loading={tasks.isPending} error={tasks.error} onRetry={() => void tasks.refetch()} />
        {tasks.data?.length === 0 && <Text className='hint'>{copy.empty}</Text>}
        {(tasks.data ?? []).map((t) => <TaskCard key={t.id} task={t} today={today} />)}
      </Section>
    </View>
  )
}

export default function StaffCareTasksPage() {
  return <StaffGate page='careTasks'>{() => <CareTasks />}</StaffGate>
}
