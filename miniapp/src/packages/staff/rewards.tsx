import { useState } from 'react'
import { Button, Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { StaffReward } from '@huiyuan/shared-types'
import { useCouponTemplates, useSaveReward, useStaffRewards } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { routes } from '../../constants/routes'
import { formCopy, rewardsCopy as copy } from './copy'
import { emptyRewardForm, rewardFormToRequest, rewardToForm, serverFieldErrors, type RewardForm } from './forms'
import { Chips, Field, FormError, StaffGate } from './parts'
import { useFormErrors } from './use-forms'
import './index.scss'

type TextKey = 'title' | 'description' | 'imageUrl' | 'pointsPrice' | 'stock' | 'perMemberLimit' | 'sortOrder'
const textFields: TextKey[] = ['title', 'description', 'imageUrl', 'pointsPrice', 'stock', 'perMemberLimit', 'sortOrder']
const numeric = new Set<TextKey>(['pointsPrice', 'stock', 'perMemberLimit'])
const shownFields = [...textFields, 'couponTemplateId', 'active']

function RewardEditor({ editing, onDone }: { editing: StaffReward | null; onDone: () => void }) {
  const templates = useCouponTemplates()
  const save = useSaveReward()
  const [form, setForm] = useState<RewardForm>(editing ? rewardToForm(editing) : emptyRewardForm)
  const { shown: local, check } = useFormErrors(form, rewardFormToRequest)
  const errors = { ...serverFieldErrors(save.error), ...local }

  const submit = () => {
    const mapped = check(form)
    if (!mapped.ok) return
    save.mutate(
      { id: editing?.id ?? null, body: mapped.request },
      { onSuccess: () => void Taro.showToast({ title: editing ? copy.updated : copy.created, icon: 'success' }).then(onDone) },
    )
  }

  return (
    <Section title={editing ? copy.editing(editing.title) : copy.creating}>
      {textFields.map((key) => (
        <Field
          key={key}
          name={key}
          label={copy.fields[key]}
          value={form[key]}
          onInput={(v) => setForm((f) => ({ ...f, [key]: v }))}
          error={errors[key]}
          type={numeric.has(key) ? 'number' : 'text'}
          multiline={key === 'description'}
        />
      ))}
      <View className='admin-field' data-field='couponTemplateId'>
        <Text className='field__label'>{copy.fields.couponTemplateId}</Text>
        {templates.data ? (
          templates.data.length === 0 ? (
            <Text className='hint'>{copy.noTemplates}</Text>
          ) : (
            <Chips
              options={templates.data.filter((t) => t.active || t.id === form.couponTemplateId).map((t) => ({ value: t.id, label: `${t.title}（${t.faceText}）` }))}
              value={form.couponTemplateId}
              onChange={(id) => setForm((f) => ({ ...f, couponTemplateId: id }))}
            />
          )
        ) : (
          <PageState loading={templates.isPending} error={templates.error} onRetry={() => void templates.refetch()} />
        )}
        <Text className='admin__link' onClick={() => void Taro.navigateTo({ url: routes.staffCouponTemplate })}>{copy.newTemplate}</Text>
        {errors.couponTemplateId && <Text className='error-text admin-field__error'>{errors.couponTemplateId}</Text>}
      </View>
      <View className='admin__switch'>
        <Text className='field__label'>{copy.fields.active}</Text>
        <Switch checked={form.active} color='#946200' onChange={(e) => setForm((f) => ({ ...f, active: e.detail.value }))} />
      </View>
      <FormError error={save.error} shownFields={shownFields} own={local} />
      <View className='admin__actions'>
        <Button className='btn-plain' onClick={onDone}>{copy.cancel}</Button>
        <Button className='btn-primary' disabled={save.isPending} onClick={submit}>{save.isPending ? formCopy.saving : formCopy.save}</Button>
      </View>
    </Section>
  )
}

function RewardsEditor() {
  const rewards = useStaffRewards()
  // null: the list; 'new': an empty form; a reward: its form. The key remounts the form per reward.
  const [editing, setEditing] = useState<StaffReward | 'new' | null>(null)

  return (
    <View className='page'>
      {editing !== null ? (
        <RewardEditor key={editing === 'new' ? 'new' : editing.id} editing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <Section title={copy.title} extra={<Text className='admin__link' onClick={() => setEditing('new')}>{copy.create}</Text>}>
          {!rewards.data ? (
            <PageState loading={rewards.isPending} error={rewards.error} onRetry={() => void rewards.refetch()} />
          ) : rewards.data.length === 0 ? (
            <Text className='hint'>{copy.empty}</Text>
          ) : (
            rewards.data.map((r) => (
              <View key={r.id} className='admin__item reward-row'>
                <View className='admin__item-head'>
                  <Text className='admin__item-title'>{r.title}</Text>
                  <Button size='mini' className='btn-plain' onClick={() => setEditing(r)}>{copy.edit}</Button>
                </View>
                <Text className='muted'>
                  {copy.price(r.pointsPrice)} · {copy.stock(r.stockLeft, r.stock, r.redeemed)}
                  {r.active ? '' : ` · ${copy.inactive}`}
                </Text>
                <Text className='muted'>{r.couponTemplate.faceText ?? ''} {r.couponTemplate.validityText}</Text>
              </View>
            ))
          )}
        </Section>
      )}
    </View>
  )
}

export default function RewardsPage() {
  return <StaffGate page='rewards'>{() => <RewardsEditor />}</StaffGate>
}
