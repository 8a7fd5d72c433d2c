import { useState, type ReactNode } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { StaffProfile } from '@huiyuan/shared-types'
import { useStaffSession } from '../../api/hooks/staff'
import { useStaffStores } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { routes } from '../../constants/routes'
import { copy, formCopy } from './copy'
import { mayOpen, serverFieldErrors, type FormErrors, type StaffPageKey } from './forms'

/** Renders the page only for a signed-in staff member whose role may open it. */
export function StaffGate({ page, children }: { page: StaffPageKey; children: (staff: StaffProfile) => ReactNode }) {
  const staff = useStaffSession()
  if (!staff || !mayOpen(staff.role, page)) {
    return (
      <View className='page'>
        <Section>
          <Text className='hint'>{staff ? copy.noAccess : copy.needLogin}</Text>
          <Button className='btn-primary staff__btn' onClick={() => Taro.redirectTo({ url: staff ? routes.staffConsole : routes.staffLogin })}>
            {staff ? copy.backToConsole : copy.loginTitle}
          </Button>
        </Section>
      </View>
    )
  }
  return <>{children(staff)}</>
}

export function Row({ label, value }: { label: string; value: string | number }) {
  return (
    <View className='row'>
      <Text className='row__label'>{label}</Text>
      <Text className='row__value'>{value}</Text>
    </View>
  )
}

export interface FieldProps {
  label: string
  value: string
  onInput: (value: string) => void
  error?: string
  hint?: string
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  multiline?: boolean
  name?: string
}

/** A labelled input with its own error line underneath (the client's or the server's). */
export function Field({ label, value, onInput, error, hint, placeholder, type = 'text', multiline, name }: FieldProps) {
  return (
    <View className={`admin-field ${error ? 'admin-field--error' : ''}`} data-field={name}>
      <View className='field'>
        <Text className='field__label'>{label}</Text>
        {multiline ? (
          <Textarea className='field__input admin-field__textarea' value={value} placeholder={placeholder} autoHeight onInput={(e) => onInput(e.detail.value)} />
        ) : (
          <Input className='field__input' type={type} value={value} placeholder={placeholder ?? label} onInput={(e) => onInput(e.detail.value)} />
        )}
      </View>
      {hint && !error && <Text className='muted admin-field__hint'>{hint}</Text>}
      {error && <Text className='error-text admin-field__error'>{error}</Text>}
    </View>
  )
}

export function Chips<T extends string | number>({ options, value, onChange }: { options: ReadonlyArray<{ value: T; label: string }>; value: T | null; onChange: (value: T) => void }) {
  return (
    <View className='staff__kinds admin-chips'>
      {options.map((o) => (
        <Text key={String(o.value)} className={`staff__kind ${value === o.value ? 'staff__kind--active' : ''}`} onClick={() => onChange(o.value)}>
          {o.label}
        </Text>
      ))}
    </View>
  )
}

/**
 * The store a page is about: a store's own staff see their store; HQ (and a manager over several
 * stores) picks one of the stores the server lists for them.
 */
export function useStoreChoice(staff: StaffProfile) {
  const stores = useStaffStores()
  const [picked, setPicked] = useState<string | null>(null)
  const options = (stores.data ?? []).filter((s) => s.kind === 'store')
  const own = staff.store && options.some((s) => s.code === staff.store?.code) ? staff.store.code : null
  const code = picked ?? own ?? options[0]?.code ?? null
  return { stores, options, code, store: options.find((s) => s.code === code) ?? null, pick: setPicked }
}

export function StorePicker({ choice }: { choice: ReturnType<typeof useStoreChoice> }) {
  if (!choice.stores.data) return <PageState loading={choice.stores.isPending} error={choice.stores.error} onRetry={() => void choice.stores.refetch()} />
  if (choice.options.length <= 1) return null
  return <Chips options={choice.options.map((s) => ({ value: s.code, label: s.name }))} value={choice.code} onChange={choice.pick} />
}

/**
 * A form's errors under its inputs: the server's summary line, any field problems that no input on the
 * form shows (the server names fields the form may not have, like an unknown or nested one), and a
 * reminder when the form's own checks (`own`) marked fields.
 */
export function FormError({ error, shownFields, own = {} }: { error: unknown; shownFields: readonly string[]; own?: FormErrors }) {
  const ownCount = Object.keys(own).length
  if (!error && ownCount === 0) return null
  const rest = error ? Object.entries(serverFieldErrors(error)).filter(([f]) => !shownFields.includes(f)) : []
  return (
    <View className='admin__form-error'>
      {!!error && <Text className='error-text'>{errorMessage(error)}</Text>}
      {rest.map(([f, m]) => (
        <Text key={f} className='error-text admin__form-error-line'>{`${f}: ${m}`}</Text>
      ))}
      {ownCount > 0 && <Text className='error-text'>{formCopy.fixErrors}</Text>}
    </View>
  )
}

/** The end of an HQ settings form (useSettingsForm): its errors, 已保存 once saved, and 保存. */
export function SettingsSave({ save, shownFields, own, onSubmit }: { save: { error: unknown; isSuccess: boolean; isPending: boolean }; shownFields: readonly string[]; own: FormErrors; onSubmit: () => void }) {
  return (
    <>
      <FormError error={save.error} shownFields={shownFields} own={own} />
      {save.isSuccess && <Text className='success-text'>{formCopy.saved}</Text>}
      <Button className='btn-primary staff__btn' disabled={save.isPending} onClick={onSubmit}>
        {save.isPending ? formCopy.saving : formCopy.save}
      </Button>
    </>
  )
}
