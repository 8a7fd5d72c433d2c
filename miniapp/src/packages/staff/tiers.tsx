import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { Tier } from '@huiyuan/shared-types'
import { useSaveTier, useStaffTiers, useTierPreview } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { formCopy, tiersCopy as copy } from './copy'
import { previewThresholds, serverFieldErrors, stillWrong, tierFormToRequest, tierToForm, type FormErrors, type TierForm } from './forms'
import { Field, FormError, StaffGate } from './parts'
import './index.scss'

const fieldKeys: Array<{ form: keyof TierForm; request: string }> = [
  { form: 'name', request: 'name' },
  { form: 'rank', request: 'rank' },
  { form: 'entryGrowth', request: 'entryGrowth' },
  { form: 'retainGrowth', request: 'retainGrowth' },
  { form: 'discountPercent', request: 'benefits.discountPercent' },
  { form: 'pointsMultiplier', request: 'benefits.pointsMultiplier' },
  { form: 'birthdayBonusPoints', request: 'benefits.birthdayBonusPoints' },
  { form: 'perks', request: 'benefits.perks' },
  { form: 'cardColor', request: 'cardColor' },
]
const shownFields = fieldKeys.map((f) => f.request)
const numeric = new Set<keyof TierForm>(['rank', 'entryGrowth', 'retainGrowth', 'discountPercent', 'birthdayBonusPoints'])

function TierSettings() {
  const tiers = useStaffTiers()
  const save = useSaveTier()
  const preview = useTierPreview()
  const [forms, setForms] = useState<Record<string, TierForm>>({})
  const [localErrors, setLocalErrors] = useState<Record<string, FormErrors>>({})

  // Forms start from the server's tiers; a later refetch must not wipe what HQ is still typing.
  useEffect(() => {
    if (!tiers.data) return
    setForms((prev) => {
      const next = { ...prev }
      for (const t of tiers.data) if (!next[t.code]) next[t.code] = tierToForm(t)
      return next
    })
  }, [tiers.data])

  // As in the other forms: a shown error goes once its field is right (stillWrong).
  useEffect(() => {
    setLocalErrors((prev) => {
      const next: Record<string, FormErrors> = {}
      for (const [code, shown] of Object.entries(prev)) {
        const form = forms[code]
        next[code] = form ? stillWrong(shown, tierFormToRequest(code, form)) : shown
      }
      return Object.keys(next).every((code) => next[code] === prev[code]) ? prev : next
    })
  }, [forms])

  if (!tiers.data) {
    return (
      <View className='page'>
        <PageState loading={tiers.isPending} error={tiers.error} onRetry={() => void tiers.refetch()} />
      </View>
    )
  }

  const edit = (code: string, key: keyof TierForm, value: string) => {
    setForms((prev) => ({ ...prev, [code]: { ...(prev[code] as TierForm), [key]: value } }))
    preview.reset()
  }

  const saveTier = (tier: Tier) => {
    const form = forms[tier.code]
    if (!form) return
    const mapped = tierFormToRequest(tier.code, form)
    setLocalErrors((prev) => ({ ...prev, [tier.code]: mapped.ok ? {} : mapped.errors }))
    if (!mapped.ok) return
    save.mutate(mapped.request, { onSuccess: (saved) => setForms((prev) => ({ ...prev, [saved.code]: tierToForm(saved) })) })
  }

  const tiersByRank = [...tiers.data].sort((a, b) => a.rank - b.rank)

  return (
    <View className='page'>
      <Section title={copy.preview}>
        <Text className='hint'>{copy.previewHint}</Text>
        <Button className='btn-plain staff__btn tier-preview__btn' disabled={preview.isPending} onClick={() => preview.mutate({ thresholds: previewThresholds(forms) })}>
          {preview.isPending ? copy.previewing : copy.preview}
        </Button>
        {preview.isError && <Text className='error-text'>{errorMessage(preview.error)}</Text>}
        {preview.data && (
          <View className='admin__preview tier-preview'>
            <Text className='hint'>{copy.previewTitle}</Text>
            {preview.data.counts.map((c) => (
              <View key={c.code} className='row'>
                <Text className='row__label'>{c.name}</Text>
                <Text className='row__value'>{c.members}</Text>
              </View>
            ))}
          </View>
        )}
      </Section>

      {tiersByRank.map((tier) => {
        const form = forms[tier.code]
        if (!form) return null
        const mine = save.variables?.code === tier.code
        const errors: FormErrors = { ...(mine ? serverFieldErrors(save.error) : {}), ...(localErrors[tier.code] ?? {}) }
        return (
          <View key={tier.code} className='tier-card' data-code={tier.code}>
            <Section
              title={`${tier.name}（${tier.code}）`}
              extra={<View className='admin__swatch' style={{ background: /^#[0-9a-fA-F]{6}$/.test(form.cardColor) ? form.cardColor : tier.cardColor }} />}
            >
              {fieldKeys.map(({ form: key, request }) => (
                <Field
                  key={key}
                  name={key}
                  label={copy.fields[key]}
                  value={form[key]}
                  onInput={(v) => edit(tier.code, key, v)}
                  error={errors[request]}
                  hint={key === 'discountPercent' || key === 'pointsMultiplier' ? copy.hints[key] : undefined}
                  type={numeric.has(key) ? 'number' : key === 'pointsMultiplier' ? 'digit' : 'text'}
                  multiline={key === 'perks'}
                />
              ))}
              <FormError error={mine && save.isError ? save.error : null} shownFields={shownFields} own={localErrors[tier.code]} />
              {mine && save.isSuccess && <Text className='success-text'>{copy.savedTier(save.data.name)}</Text>}
              <Button className='btn-primary staff__btn' disabled={save.isPending} onClick={() => saveTier(tier)}>
                {mine && save.isPending ? formCopy.saving : copy.saveTier(tier.name)}
              </Button>
            </Section>
          </View>
        )
      })}
    </View>
  )
}

export default function TierSettingsPage() {
  return <StaffGate page='tiers'>{() => <TierSettings />}</StaffGate>
}
