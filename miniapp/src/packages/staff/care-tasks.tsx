import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { CareTaskOutcome, CareTaskView } from '@huiyuan/shared-types'
import { useCareTasks, useCompleteCareTask } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { careTasksCopy as copy } from './copy'
import { StaffGate } from './parts'
import './index.scss'

function TaskCard({ task, today }: { task: CareTaskView; today: string }) {
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
