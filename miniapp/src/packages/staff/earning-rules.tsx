import { Switch, Text, View } from '@tarojs/components'
import { useEarningRules, useSaveEarningRules } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { earningRulesCopy as copy } from './copy'
import { earningFormToRequest, earningRulesToForm } from './forms'
import { Chips, Field, SettingsSave, StaffGate } from './parts'
import { useSettingsForm } from './use-forms'
import './index.scss'

type NumberKey = 'pointsPerYuan' | 'welcomePoints' | 'expiryMonths' | 'memberDayMultiplierPct' | 'growthPerYuan'
/** Form field → the server's field name, so a server message lands next to its input. */
const requestField: Record<NumberKey, string> = {
  pointsPerYuan: 'pointsPerYuan',
  welcomePoints: 'welcomePoints',
  expiryMonths: 'expiry.months',
  memberDayMultiplierPct: 'memberDay.multiplierPct',
  growthPerYuan: 'growthPerYuan',
}
const shownFields = Object.values(requestField)

function RulesEditor() {
  const rules = useEarningRules()
  const save = useSaveEarningRules()
  const { form, errors, ownErrors, set, submit } = useSettingsForm(rules.data, save, earningRulesToForm, earningFormToRequest)

  if (!form) {
    return (
      <View className='page'>
        <PageState loading={rules.isPending} error={rules.error} onRetry={() => void rules.refetch()} />
      </View>
    )
  }

  const number = (key: NumberKey, hint?: string) => (
    <Field name={key} label={copy.fields[key]} value={form[key]} type='number' hint={hint} error={errors[requestField[key]]} onInput={(v) => set({ [key]: v })} />
  )

  return (
    <View className='page'>
      <Section title={copy.title}>
        {number('pointsPerYuan', copy.hints.pointsPerYuan)}
        {number('welcomePoints')}
      </Section>

      <Section title={copy.expiry}>
        <Chips options={copy.expiryKinds} value={form.expiryKind} onChange={(expiryKind) => set({ expiryKind })} />
        {form.expiryKind === 'months_after_earning' && number('expiryMonths')}
        <Text className='warning earning__note'>{copy.expiryNote}</Text>
      </Section>

      <Section title={copy.memberDay}>
        <View className='admin__switch'>
          <Text className='field__label'>{copy.memberDayEnabled}</Text>
          <Switch checked={form.memberDayEnabled} color='#946200' onChange={(e) => set({ memberDayEnabled: e.detail.value })} />
        </View>
        {form.memberDayEnabled && (
          <>
            <View className='field'>
              <Text className='field__label'>{copy.weekday}</Text>
              <Chips options={copy.weekdays} value={form.memberDayWeekday} onChange={(memberDayWeekday) => set({ memberDayWeekday })} />
            </View>
            {number('memberDayMultiplierPct', copy.hints.memberDayMultiplierPct)}
          </>
        )}
      </Section>

      <Section title={copy.growth}>
        {number('growthPerYuan')}
        <View className='field'>
          <Text className='field__label'>{copy.growthWindow}</Text>
          <Chips options={copy.growthWindows} value={form.growthWindow} onChange={(growthWindow) => set({ growthWindow })} />
        </View>
        <SettingsSave save={save} shownFields={shownFields} own={ownErrors} onSubmit={submit} />
      </Section>
    </View>
  )
}

export default function EarningRulesPage() {
  return <StaffGate page='earningRules'>{() => <RulesEditor />}</StaffGate>
}
