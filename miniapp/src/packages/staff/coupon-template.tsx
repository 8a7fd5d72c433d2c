import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { CouponKind } from '@huiyuan/shared-types'
import { useCreateCouponTemplate } from '../../api/hooks/staff-admin'
import { couponTemplateCopy as copy, formCopy } from './copy'
import { couponTemplateFormToRequest, emptyCouponTemplateForm, serverFieldErrors, type CouponTemplateForm } from './forms'
import { Chips, Field, FormError, StaffGate } from './parts'
// After ./parts, which brings PageState's styles: every chunk then orders PageState's CSS before Section's.
import { Section } from '../../components/Section'
import { useFormErrors } from './use-forms'
import './index.scss'

type TextKey = Exclude<keyof CouponTemplateForm, 'kind'>
/** Form field → the request field the server names in its validation errors. */
const requestField: Record<TextKey, string> = {
  title: 'title',
  amount: 'amountCents',
  minSpend: 'minSpendCents',
  ratePercent: 'ratePercent',
  cap: 'capCents',
  giftDescription: 'giftDescription',
  validDays: 'validity.days',
  usageNotes: 'usageNotes',
}
const kindFields: Record<CouponKind, TextKey[]> = {
  cash: ['amount', 'minSpend'],
  discount: ['ratePercent', 'cap'],
  gift: ['giftDescription'],
}
const shownFields = [...Object.values(requestField), 'kind', 'validity', 'storeScope']

function CouponTemplateCreator() {
  const create = useCreateCouponTemplate()
  const [form, setForm] = useState<CouponTemplateForm>(emptyCouponTemplateForm)
  const { shown: local, check } = useFormErrors(form, couponTemplateFormToRequest)
  const errors = { ...serverFieldErrors(create.error), ...local }

  const field = (key: TextKey) => {
    const name = requestField[key]
    return (
      <Field
        key={key}
        name={key}
        label={copy.fields[name as keyof typeof copy.fields]}
        value={form[key]}
        onInput={(v) => setForm((f) => ({ ...f, [key]: v }))}
        error={errors[name]}
        type={key === 'title' || key === 'giftDescription' || key === 'usageNotes' ? 'text' : key === 'ratePercent' || key === 'validDays' ? 'number' : 'digit'}
        placeholder={key === 'ratePercent' ? copy.ratePlaceholder : undefined}
        hint={key === 'validDays' ? copy.daysHint : undefined}
        multiline={key === 'usageNotes'}
      />
    )
  }

  const submit = () => {
    const mapped = check(form)
    if (mapped.ok) create.mutate(mapped.request, { onSuccess: () => setForm(emptyCouponTemplateForm) })
  }

  return (
    <View className='page'>
      <Section title={copy.title}>
        {field('title')}
        <View className='field'>
          <Text className='field__label'>{copy.fields.kind}</Text>
          <Chips options={copy.kinds} value={form.kind} onChange={(kind) => setForm((f) => ({ ...f, kind }))} />
        </View>
        {kindFields[form.kind].map(field)}
        {field('validDays')}
        {field('usageNotes')}
        <FormError error={create.error} shownFields={shownFields} own={local} />
        {create.data && !create.isPending && <Text className='success-text'>{copy.created(create.data.title, create.data.faceText)}</Text>}
        <Button className='btn-primary staff__btn' disabled={create.isPending} onClick={submit}>
          {create.isPending ? formCopy.saving : copy.create}
        </Button>
      </Section>
    </View>
  )
}

export default function CouponTemplatePage() {
  return <StaffGate page='couponTemplate'>{() => <CouponTemplateCreator />}</StaffGate>
}
