import { Button, Input, Text, View } from '@tarojs/components'
import type { MemberSummary } from '@huiyuan/shared-types'
import { isH5 } from '../../api/env'
import { errorMessage } from '../../constants/error-copy'
import { useInputFocus } from '../../lib/use-input-focus'
import { copy } from './copy'
import { Row } from './parts'

export type LookupKind = (typeof copy.lookupKinds)[number]['value']

export function MemberView({ member }: { member: MemberSummary }) {
  return (
    <View className='staff__result staff__member' data-card-no={member.cardNo}>
      <Row label={copy.member.nickname} value={member.nickname ?? '—'} />
      <Row label={copy.member.cardNo} value={member.cardNo} />
      <Row label={copy.member.tier} value={member.tier.name} />
      <Row label={copy.member.discount} value={copy.discount(member.tier.discountPercent)} />
      <Row label={copy.member.points} value={member.points} />
      {member.phoneMasked && <Row label={copy.member.phone} value={member.phoneMasked} />}
      {member.joinStore && <Row label={copy.member.joinStore} value={member.joinStore.name} />}
    </View>
  )
}

export interface LookupPanelProps {
  kind: LookupKind
  onKind: (kind: LookupKind) => void
  query: string
  onQuery: (value: string) => void
  focused: boolean
  /** Focus moves on its own only when asked (after a sale); the clerk's own clicks are left alone. */
  onBlur: () => void
  busy: boolean
  error: unknown
  onSearch: () => void
  onScan: () => void
}

/** The code field is where the counter starts: focused, Enter looks the member up. */
export function LookupPanel({ kind, onKind, query, onQuery, focused, onBlur, busy, error, onSearch, onScan }: LookupPanelProps) {
  const inputRef = useInputFocus(focused)
  return (
    <>
      <View className='staff__kinds' role='tablist' ariaRole='tablist'>
        {copy.lookupKinds.map((k) => (
          <View key={k.value} className={`staff__kind ${kind === k.value ? 'staff__kind--active' : ''}`} role='tab' ariaRole='tab' ariaLabel={k.label} onClick={() => onKind(k.value)}>
            <Text>{k.label}</Text>
          </View>
        ))}
      </View>
      <View className='staff__search'>
        <Input ref={inputRef} className='staff__search-input' focus={focused} value={query} placeholder={copy.lookupPlaceholder} onInput={(e) => onQuery(e.detail.value)} onConfirm={onSearch} onBlur={onBlur} confirmType='search' />
        {!isH5() && (
          <Button className='btn-plain staff__inline-btn' onClick={onScan}>
            {copy.scan}
          </Button>
        )}
        <Button className='btn-primary staff__inline-btn' disabled={busy || !query.trim()} onClick={onSearch}>
          {copy.search}
        </Button>
      </View>
      <Text className='hint staff__keys'>{copy.keyboardHint}</Text>
      {error ? <Text className='error-text'>{errorMessage(error)}</Text> : null}
    </>
  )
}
