import { Button, Switch, Text, View } from '@tarojs/components'
import { useCheckinRules, useSaveCheckinRules } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { checkinRulesCopy as copy } from './copy'
import { checkinFormToRequest, checkinRulesToForm } from './forms'
import { Chips, Field, SettingsSave, StaffGate } from './parts'
import { useSettingsForm } from './use-forms'
import './index.scss'

type NumberKey = 'basePoints' | 'growthPerCheckin' | 'makeupCostPoints' | 'makeupPerMonth'
type SwitchKey = 'applyTierMultiplier' | 'makeupEnabled'

function RulesEditor() {
  const rules = useCheckinRules()
  const save = useSaveCheckinRules()
  const { form, errors, ownErrors, set, submit } = useSettingsForm(rules.data, save, checkinRulesToForm, checkinFormToRequest)

  if (!form) {
    return (
      <View className='page'>
        <PageState loading={rules.isPending} error={rules.error} onRetry={() => void rules.refetch()} />
      </View>
    )
  }

  const shownFields = [
    'basePoints', 'growthPerCheckin', 'makeupCostPoints', 'makeupPerMonth', 'cycle', 'applyTierMultiplier', 'makeupEnabled', 'streakBonuses',
    ...form.streakBonuses.flatMap((_, i) => [`streakBonuses.${i}.day`, `streakBonuses.${i}.points`]),
  ]
  const number = (key: NumberKey) => (
    <Field key={key} name={key} label={copy.fields[key]} value={form[key]} type='number' error={errors[key]} onInput={(v) => set({ [key]: v })} />
  )
  const toggle = (key: SwitchKey) => (
    <View className='admin__switch' key={key}>
      <Text className='field__label'>{copy.fields[key]}</Text>
      <Switch checked={form[key]} color='#946200' onChange={(e) => set({ [key]: e.detail.value })} />
    </View>
  )
  const setBonus = (i: number, patch: Partial<{ day: string; points: string }>) =>
    set({ streakBonuses: form.streakBonuses.map((b, j) => (j === i ? { ...b, ...patch } : b)) })

  return (
    <View className='page'>
      <Section title={copy.title}>
        {number('basePoints')}
        {number('growthPerCheckin')}
        {toggle('applyTierMultiplier')}
        <View className='field'>
          <Text className='field__label'>{copy.fields.cycle}</Text>
          <Chips options={copy.cycles} value={form.cycle} onChange={(cycle) => set({ cycle })} />
        </View>
        {errors.cycle && <Text className='error-text'>{errors.cycle}</Text>}
      </Section>

      <Section title={copy.fields.streakBonuses} extra={<Text className='admin__link' onClick={() => set({ streakBonuses: [...form.streakBonuses, { day: '', points: '' }] })}>{copy.addBonus}</Text>}>
        {form.streakBonuses.map((b, i) => (
          <View className='admin__bonus' key={i}>
            <Field name={`day-${i}`} label={copy.bonusDay} value={b.day} type='number' error={errors[`streakBonuses.${i}.day`]} onInput={(day) => setBonus(i, { day })} />
            <Field name={`points-${i}`} label={copy.bonusPoints} value={b.points} type='number' error={errors[`streakBonuses.${i}.points`]} onInput={(points) => setBonus(i, { points })} />
            <Button size='mini' className='btn-danger' onClick={() => set({ streakBonuses: form.streakBonuses.filter((_, j) => j !== i) })}>{copy.remove}</Button>
          </View>
        ))}
        {errors.streakBonuses && <Text className='error-text'>{errors.streakBonuses}</Text>}
      </Section>

      <Section title={copy.fields.makeupEnabled}>
        {toggle('makeupEnabled')}
        {number('makeupCostPoints')}
        {number('makeupPerMonth')}
        <SettingsSave save={save} shownFields={shownFields} own={ownErrors} onSubmit={submit} />
      </Section>
    </View>
  )
}

export default function CheckinRulesPage() {
  return <StaffGate page='checkinRules'>{() => <RulesEditor />}</StaffGate>
}
