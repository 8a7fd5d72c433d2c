import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MemberSummary } from '@huiyuan/shared-types'
import { isApiError } from '../../api/client'
import { isH5 } from '../../api/env'
import { signOutStaff, useLookup, usePurchase, useRefund, useStaffMember, useStaffSession, useVerifyCoupon } from '../../api/hooks/staff'
import type { LookupQuery } from '../../api/endpoints/staff'
import { errorMessage } from '../../constants/error-copy'
import { routes, withQuery } from '../../constants/routes'
import { formatDateTime, yuanToCents } from '../../lib/format'
import { copy, pointsAdjustCopy } from './copy'
import { mayOpen, type StaffPageKey } from './forms'
import { Row } from './parts'
// After ./parts, which brings PageState's styles: every chunk then orders PageState's CSS before Section's.
import { Section } from '../../components/Section'
import './index.scss'

/** 调整积分 is about one member, so it opens from the looked-up member rather than from this menu. */
const pageRoutes: Record<Exclude<StaffPageKey, 'pointsAdjust'>, string> = {
  poster: routes.staffPoster,
  verifications: routes.staffVerifications,
  tiers: routes.staffTiers,
  earningRules: routes.staffEarningRules,
  rewards: routes.staffRewards,
  couponTemplate: routes.staffCouponTemplate,
  checkinRules: routes.staffCheckinRules,
  referralReviews: routes.staffReferralReviews,
}

type LookupKind = (typeof copy.lookupKinds)[number]['value']

async function scan(): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true })
    return result || null
  } catch {
    return null
  }
}

/** The details of a COUPON_ALREADY_USED error (server verify-coupon use-case). */
interface AlreadyUsedDetails {
  usedAt?: string | null
  usedStore?: { code: string; name: string } | null
}

/** When and where a coupon was already verified, so the clerk can tell the customer. */
function alreadyUsed(error: unknown): { at: string | null; store: string | null } | null {
  if (!isApiError(error) || !error.is('COUPON_ALREADY_USED')) return null
  const d = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as AlreadyUsedDetails
  return { at: d.usedAt ? formatDateTime(d.usedAt) : null, store: d.usedStore?.name ?? null }
}

function MemberView({ member }: { member: MemberSummary }) {
  return (
    <View className='staff__result'>
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

export default function StaffConsolePage() {
  const staff = useStaffSession()
  const lookup = useLookup()
  // The cached copy, which a purchase here or an adjustment on 调整积分 updates in place.
  const shown = useStaffMember(lookup.data?.cardNo ?? '')
  const purchase = usePurchase()
  const refund = useRefund()
  const verify = useVerifyCoupon()

  const [kind, setKind] = useState<LookupKind>('code')
  const [query, setQuery] = useState('')
  const [lookedUpCode, setLookedUpCode] = useState<LookupQuery | null>(null)
  const [amount, setAmount] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [formError, setFormError] = useState<string | null>(null)
  const [purchaseId, setPurchaseId] = useState('')
  const [refundAmount, setRefundAmount] = useState('')
  const [couponCode, setCouponCode] = useState('')

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
    setLookedUpCode(q)
    purchase.reset()
    lookup.mutate(q)
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

  const member = shown.data ?? lookup.data

  const award = () => {
    setFormError(null)
    const cents = yuanToCents(amount)
    if (!member) return setFormError(copy.needMember)
    if (cents === null) return setFormError(copy.badAmount)
    if (!orderNo.trim()) return setFormError(copy.needOrderNo)
    // A looked-up member code expires within a minute; the card number stays valid for the sale.
    purchase.mutate(
      { cardNo: member.cardNo, amountCents: cents, orderNo: orderNo.trim() },
      { onSuccess: (result) => setPurchaseId(String(result.id)) },
    )
  }

  const doRefund = () => {
    setFormError(null)
    const cents = yuanToCents(refundAmount)
    if (cents === null) return setFormError(copy.badAmount)
    refund.mutate({ purchaseId: purchaseId.trim(), amountCents: cents })
  }

  const used = alreadyUsed(verify.error)

  const scanCoupon = async () => {
    const code = await scan()
    if (code) {
      setCouponCode(code)
      verify.mutate({ code })
    }
  }

  return (
    <View className='page staff'>
      <View className='staff__head'>
        <Text className='staff__who'>{copy.signedInAs(staff.displayName, staff.store?.name ?? copy.hq)}</Text>
        <Button size='mini' className='btn-plain staff__sign-out' onClick={() => { signOutStaff(); void Taro.redirectTo({ url: routes.staffLogin }) }}>
          {copy.signOut}
        </Button>
      </View>

      <Section title={copy.more}>
        <View className='admin__links'>
          {(Object.keys(pageRoutes) as Array<keyof typeof pageRoutes>)
            .filter((key) => mayOpen(staff.role, key))
            .map((key) => (
              <Text key={key} className='admin__link' onClick={() => void Taro.navigateTo({ url: pageRoutes[key] })}>
                {copy.links[key]}
              </Text>
            ))}
        </View>
      </Section>

      <Section title={copy.lookup}>
        <View className='staff__kinds'>
          {copy.lookupKinds.map((k) => (
            <Text key={k.value} className={`staff__kind ${kind === k.value ? 'staff__kind--active' : ''}`} onClick={() => setKind(k.value)}>
              {k.label}
            </Text>
          ))}
        </View>
        <View className='staff__search'>
          <Input className='staff__search-input' value={query} placeholder={copy.lookupPlaceholder} onInput={(e) => setQuery(e.detail.value)} onConfirm={search} />
          {!isH5() && (
            <Button size='mini' className='btn-plain' onClick={() => void scanMember()}>
              {copy.scan}
            </Button>
          )}
          <Button size='mini' className='btn-primary' disabled={lookup.isPending || !query.trim()} onClick={search}>
            {copy.search}
          </Button>
        </View>
        {lookup.isError && lookedUpCode && <Text className='error-text'>{errorMessage(lookup.error)}</Text>}
        {member && <MemberView member={member} />}
        {member && mayOpen(staff.role, 'pointsAdjust') && (
          <Button className='btn-plain staff__btn' onClick={() => void Taro.navigateTo({ url: withQuery(routes.staffPointsAdjust, { cardNo: member.cardNo }) })}>
            {pointsAdjustCopy.open}
          </Button>
        )}
      </Section>

      <Section title={copy.purchase}>
        <View className='field'>
          <Text className='field__label'>{copy.amount}</Text>
          <Input className='field__input' type='digit' value={amount} placeholder={copy.amountPlaceholder} onInput={(e) => setAmount(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>{copy.orderNo}</Text>
          <Input className='field__input' value={orderNo} placeholder={copy.orderNoPlaceholder} onInput={(e) => setOrderNo(e.detail.value)} />
        </View>
        {formError && <Text className='error-text'>{formError}</Text>}
        {purchase.isError && <Text className='error-text'>{errorMessage(purchase.error)}</Text>}
        {purchase.data && (
          <View className='staff__result'>
            <Text className='success-text'>{purchase.data.duplicate ? copy.duplicate : copy.awarded(purchase.data.points, purchase.data.balance)}</Text>
            <Row label={copy.member.tier} value={copy.tierDiscount(purchase.data.discountPercent, purchase.data.tier.name)} />
            <Row label={copy.purchaseId} value={purchase.data.id} />
            {purchase.data.tierChanged && <Text className='hint'>{copy.tierChanged}</Text>}
          </View>
        )}
        <Button className='btn-primary staff__btn' disabled={purchase.isPending || !lookup.data} loading={purchase.isPending} onClick={award}>
          {copy.award}
        </Button>
      </Section>

      <Section title={copy.refund}>
        <View className='field'>
          <Text className='field__label'>{copy.purchaseId}</Text>
          <Input className='field__input' value={purchaseId} placeholder={copy.purchaseIdPlaceholder} onInput={(e) => setPurchaseId(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>{copy.refundAmount}</Text>
          <Input className='field__input' type='digit' value={refundAmount} placeholder={copy.amountPlaceholder} onInput={(e) => setRefundAmount(e.detail.value)} />
        </View>
        {refund.isError && <Text className='error-text'>{errorMessage(refund.error)}</Text>}
        {refund.data && (
          <View className='staff__result'>
            <Text className='success-text'>{copy.refunded(refund.data.pointsReversed, refund.data.balance)}</Text>
            {refund.data.shortfall > 0 && <Text className='warning'>{copy.shortfall(refund.data.shortfall)}</Text>}
          </View>
        )}
        <Button className='btn-plain staff__btn' disabled={refund.isPending || !purchaseId.trim() || !refundAmount} onClick={doRefund}>
          {copy.doRefund}
        </Button>
      </Section>

      <Section title={copy.verify}>
        <View className='staff__search'>
          <Input className='staff__search-input' value={couponCode} placeholder={copy.couponPlaceholder} onInput={(e) => setCouponCode(e.detail.value)} />
          {!isH5() && (
            <Button size='mini' className='btn-plain' onClick={() => void scanCoupon()}>
              {copy.scan}
            </Button>
          )}
          <Button size='mini' className='btn-primary' disabled={verify.isPending || !couponCode.trim()} onClick={() => verify.mutate({ code: couponCode.trim() })}>
            {copy.doVerify}
          </Button>
        </View>
        {verify.isError && <Text className='error-text'>{errorMessage(verify.error)}</Text>}
        {verify.isError && used && (used.at || used.store) && (
          <View className='staff__result staff__result--used'>
            {used.at && <Row label={copy.coupon.usedAt} value={used.at} />}
            {used.store && <Row label={copy.coupon.usedStore} value={used.store} />}
          </View>
        )}
        {verify.data && (
          <View className='staff__result'>
            <Text className='success-text'>{copy.verified}</Text>
            <Row label={copy.coupon.title} value={verify.data.coupon.title} />
            <Row label={copy.coupon.face} value={verify.data.coupon.faceText} />
            <Row label={copy.coupon.member} value={`${verify.data.member.nickname ?? ''} ${verify.data.member.cardNo}`} />
            <Row label={copy.coupon.store} value={verify.data.store.name} />
            <Row label={copy.coupon.time} value={formatDateTime(verify.data.verifiedAt)} />
          </View>
        )}
      </Section>
    </View>
  )
}
