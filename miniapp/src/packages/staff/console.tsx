import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { signOutStaff, useLookup, useStaffMember, useStaffSession } from '../../api/hooks/staff'
import type { LookupQuery } from '../../api/endpoints/staff'
import { apiBase, isH5 } from '../../api/env'
import { routes } from '../../constants/routes'
import { copy, wechatCopy } from './copy'
import { MemberGlance } from './counter-glance'
import { LookupPanel, MemberView, type LookupKind } from './counter-lookup'
import { PointsPaymentPanel, PurchasePanel, RefundPanel } from './counter-sales'
import { VerifyPanel } from './counter-verify'
import { WechatBindingPanel } from './counter-wechat'
import { mayOpen, mayReceiveTestSends, type StaffPageKey } from './forms'
// After the panels, which bring PageState's styles: every chunk then orders PageState's CSS before Section's.
import { Section } from '../../components/Section'
import './index.scss'

const pageRoutes: Record<StaffPageKey, string> = {
  careTasks: routes.staffCareTasks,
  poster: routes.staffPoster,
  verifications: routes.staffVerifications,
}

/** The web console, served beside the H5 build; in WeChat its address is given to copy into a PC browser. */
const ADMIN_PATH = '/admin'

type Focus = 'lookup' | 'amount' | null

async function scan(): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true })
    return result || null
  } catch {
    return null
  }
}

/**
 * The counter tool. On a phone one column; on a PC two: the member on the left, what to do for them on
 * the right. The keyboard drives it: code, Enter, amount, Enter, order number, Enter, and back to the code.
 */
export default function StaffConsolePage() {
  const staff = useStaffSession()
  const lookup = useLookup()
  // The cached copy, which a purchase here or an adjustment on 调整积分 updates in place.
  const shown = useStaffMember(lookup.data?.cardNo ?? '')
  const [kind, setKind] = useState<LookupKind>('code')
  const [query, setQuery] = useState('')
  const [focus, setFocus] = useState<Focus>('lookup')
  const [purchaseId, setPurchaseId] = useState('')
  const [lookedUpCode, setLookedUpCode] = useState<string | null>(null)

  if (!staff) {
    return (
      <View className='page'>
        <Section>
          <Text className='hint'>{copy.needLogin}</Text>
          <Button className='btn-primary staff__btn' onClick={() => Taro.redirectTo({ url: routes.staffLogin })}>
            {copy.loginTitle}
          </Button>
        </Section>
      </View>
    )
  }

  const runLookup = (q: LookupQuery) => {
    setFocus(null)
    setLookedUpCode('code' in q ? q.code : null)
    lookup.mutate(q, { onSuccess: () => setFocus('amount') })
  }
  const search = () => {
    const value = query.trim()
    if (value) runLookup({ [kind]: value } as LookupQuery)
  }
  const scanMember = async () => {
    const code = await scan()
    if (code) {
      setKind('code')
      setQuery(code)
      runLookup({ code })
    }
  }
  const awarded = (id: string) => {
    setPurchaseId(id)
    setQuery('')
    setFocus('lookup')
  }

  const member = shown.data ?? lookup.data ?? null

  return (
    <View className='page page--wide staff'>
      <View className='staff__head'>
        <Text className='staff__who'>{copy.signedInAs(staff.displayName, staff.store?.name ?? copy.hq)}</Text>
        <Button className='btn-plain staff__sign-out' onClick={() => { signOutStaff(); void Taro.redirectTo({ url: routes.staffLogin }) }}>
          {copy.signOut}
        </Button>
      </View>

      <View className='staff__columns'>
        <View className='staff__column'>
          <Section title={copy.lookup}>
            <LookupPanel kind={kind} onKind={setKind} query={query} onQuery={setQuery} focused={focus === 'lookup'} onBlur={() => setFocus((f) => (f === 'lookup' ? null : f))} busy={lookup.isPending} error={lookup.error} onSearch={search} onScan={() => void scanMember()} />
            {member && <MemberView member={member} />}
            {member && <MemberGlance member={member} />}
          </Section>
          <Section title={copy.verify}>
            <VerifyPanel />
          </Section>
          {mayReceiveTestSends(staff.role) && (
            <Section title={wechatCopy.title}>
              <WechatBindingPanel staffId={staff.id} />
            </Section>
          )}
          <Section title={copy.more}>
            <View className='admin__links'>
              {(Object.keys(pageRoutes) as Array<keyof typeof pageRoutes>)
                .filter((key) => mayOpen(staff.role, key))
                .map((key) => (
                  <View key={key} className='admin__link' role='link' ariaRole='link' ariaLabel={copy.links[key]} onClick={() => void Taro.navigateTo({ url: pageRoutes[key] })}>
                    <Text>{copy.links[key]}</Text>
                  </View>
                ))}
            </View>
            {staff.role !== 'clerk' && (
              <View className='staff__admin'>
                <Text className='hint'>{copy.adminMoved}</Text>
                {isH5() ? (
                  <View className='admin__link staff__admin-link' role='link' ariaRole='link' ariaLabel={copy.adminLink} onClick={() => window.open(ADMIN_PATH, '_blank')}>
                    <Text>{copy.adminLink}</Text>
                  </View>
                ) : (
                  <Text className='staff__admin-path' selectable>{`${apiBase()}${ADMIN_PATH}`}</Text>
                )}
              </View>
            )}
          </Section>
        </View>

        <View className='staff__column'>
          <Section title={copy.purchase}>
            <PurchasePanel member={member} amountFocused={focus === 'amount'} onAmountBlur={() => setFocus((f) => (f === 'amount' ? null : f))} onAwarded={awarded} />
          </Section>
          <Section title={copy.pointsPayment}>
            <PointsPaymentPanel member={member} lookedUpCode={lookedUpCode} />
          </Section>
          <Section title={copy.refund}>
            <RefundPanel purchaseId={purchaseId} onPurchaseId={setPurchaseId} />
          </Section>
        </View>
      </View>
    </View>
  )
}
