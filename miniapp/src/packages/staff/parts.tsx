import { useState, type ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { StaffProfile } from '@huiyuan/shared-types'
import { useStaffSession } from '../../api/hooks/staff'
import { useStaffStores } from '../../api/hooks/staff-admin'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { routes } from '../../constants/routes'
import { copy } from './copy'
import { mayOpen, type StaffPageKey } from './forms'

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

export function Chips<T extends string | number>({ options, value, onChange }: { options: ReadonlyArray<{ value: T; label: string }>; value: T | null; onChange: (value: T) => void }) {
  return (
    <View className='staff__kinds admin-chips'>
      {options.map((o) => (
        <View key={String(o.value)} className={`staff__kind ${value === o.value ? 'staff__kind--active' : ''}`} role='button' ariaRole='button' ariaLabel={o.label} onClick={() => onChange(o.value)}>
          <Text>{o.label}</Text>
        </View>
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
