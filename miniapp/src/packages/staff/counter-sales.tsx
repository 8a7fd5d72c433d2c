import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { MemberSummary } from '@huiyuan/shared-types'
import { usePayWithPoints, usePurchase, useRefund } from '../../api/hooks/staff'
import { errorMessage } from '../../constants/error-copy'
import { yuanToCents } from '../../lib/format'
import { useInputFocus } from '../../lib/use-input-focus'
import { copy } from './copy'
import { Row } from './parts'

/**
 * Amount, Enter, order number, Enter: the points are awarded and the form is empty again for the next
 * customer. A repeated order number is said in amber, not success green: nothing was awarded twice.
 */
export function PurchasePanel({ member, onAwarded, amountFocused, onAmountBlur }: { member: MemberSummary | null; onAwarded: (purchaseId: string) => void; amountFocused: boolean; onAmountBlur: () => void }) {
  const purchase = usePurchase()
  const [amount, setAmount] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [orderFocused, setOrderFocused] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const amountRef = useInputFocus(amountFocused)
  const orderRef = useInputFocus(orderFocused)

  const award = () => {
    setFormError(null)
    const cents = yuanToCents(amount)
    if (!member) return setFormError(copy.needMember)
    if (cents === null) return setFormError(copy.badAmount)
    if (!orderNo.trim()) return setFormError(copy.needOrderNo)
    // A looked-up member code expires within a minute; the card number stays valid for the sale.
    purchase.mutate(
      { cardNo: member.cardNo, amountCents: cents, orderNo: orderNo.trim() },
      {
        onSuccess: (result) => {
          setAmount('')
          setOrderNo('')
          onAwarded(String(result.id))
        },
      },
    )
  }

  return (
    <>
      <View className='field'>
        <Text className='field__label'>{copy.amount}</Text>
        <Input ref={amountRef} className='field__input' type='digit' focus={amountFocused} value={amount} placeholder={copy.amountPlaceholder} onInput={(e) => setAmount(e.detail.value)} onConfirm={() => setOrderFocused(true)} onBlur={onAmountBlur} />
      </View>
      <View className='field'>
        <Text className='field__label'>{copy.orderNo}</Text>
        <Input ref={orderRef} className='field__input' focus={orderFocused} value={orderNo} placeholder={copy.orderNoPlaceholder} onInput={(e) => setOrderNo(e.detail.value)} onConfirm={award} onBlur={() => setOrderFocused(false)} />
      </View>
      {formError && <Text className='error-text'>{formError}</Text>}
      {purchase.isError && <Text className='error-text'>{errorMessage(purchase.error)}</Text>}
      {purchase.data && (
        <View className={`staff__result ${purchase.data.duplicate ? 'staff__result--warn' : ''}`}>
          <Text className={purchase.data.duplicate ? 'warning' : 'success-text'}>{purchase.data.duplicate ? copy.duplicate : copy.awarded(purchase.data.points, purchase.data.balance)}</Text>
          <Row label={copy.member.tier} value={copy.tierDiscount(purchase.data.discountPercent, purchase.data.tier.name)} />
          <Row label={copy.purchaseId} value={purchase.data.id} />
          {purchase.data.tierChanged && <Text className='hint'>{copy.tierChanged}</Text>}
        </View>
      )}
      <Button className='btn-primary staff__btn' disabled={purchase.isPending || !member} loading={purchase.isPending} onClick={award}>
        {copy.award}
      </Button>
    </>
  )
}

/**
 * 积分抵扣: the member pays part of an order with points. Like a payment code, it takes the member code
 * on the customer's screen now (the one used for the look-up if it was one); the order number keeps a
 * retry from charging twice.
 */
export function PointsPaymentPanel({ member, lookedUpCode }: { member: MemberSummary | null; lookedUpCode: string | null }) {
  const pay = usePayWithPoints()
  const [typedCode, setTypedCode] = useState<string | null>(null)
  const memberCode = typedCode ?? lookedUpCode ?? ''
  const [points, setPoints] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [formError, setFormError] = useState<string | null>(null)

  const submit = () => {
    setFormError(null)
    const n = Number(points)
    if (!member) return setFormError(copy.needMember)
    if (!/^\d{18}$/.test(memberCode.trim())) return setFormError(copy.needMemberCode)
    if (!Number.isInteger(n) || n < 1) return setFormError(copy.badPoints)
    if (!orderNo.trim()) return setFormError(copy.needOrderNo)
    pay.mutate(
      { cardNo: member.cardNo, memberCode: memberCode.trim(), points: n, orderNo: orderNo.trim() },
      {
        onSuccess: () => {
          setPoints('')
          setOrderNo('')
          setTypedCode(null)
        },
      },
    )
  }

  return (
    <>
      <View className='field'>
        <Text className='field__label'>{copy.payCode}</Text>
        <Input className='field__input' type='number' maxlength={18} value={memberCode} placeholder={copy.payCodePlaceholder} onInput={(e) => setTypedCode(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>{copy.payPoints}</Text>
        <Input className='field__input' type='number' value={points} placeholder={member ? copy.payPointsPlaceholder(member.points) : copy.needMember} onInput={(e) => setPoints(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>{copy.orderNo}</Text>
        <Input className='field__input' value={orderNo} placeholder={copy.orderNoPlaceholder} onInput={(e) => setOrderNo(e.detail.value)} onConfirm={submit} />
      </View>
      {formError && <Text className='error-text'>{formError}</Text>}
      {pay.isError && <Text className='error-text'>{errorMessage(pay.error)}</Text>}
      {pay.data && <Text className={pay.data.duplicate ? 'warning' : 'success-text'}>{pay.data.duplicate ? copy.payDuplicate : copy.paid(pay.data.points, pay.data.balance)}</Text>}
      <Button className='btn-plain staff__btn' disabled={pay.isPending || !member} onClick={submit}>
        {copy.doPay}
      </Button>
    </>
  )
}

export function RefundPanel({ purchaseId, onPurchaseId }: { purchaseId: string; onPurchaseId: (id: string) => void }) {
  const refund = useRefund()
  const [refundAmount, setRefundAmount] = useState('')
  const [formError, setFormError] = useState<string | null>(null)

  const doRefund = () => {
    setFormError(null)
    const cents = yuanToCents(refundAmount)
    if (cents === null) return setFormError(copy.badAmount)
    refund.mutate({ purchaseId: purchaseId.trim(), amountCents: cents }, { onSuccess: () => setRefundAmount('') })
  }

  return (
    <>
      <View className='field'>
        <Text className='field__label'>{copy.purchaseId}</Text>
        <Input className='field__input' value={purchaseId} placeholder={copy.purchaseIdPlaceholder} onInput={(e) => onPurchaseId(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>{copy.refundAmount}</Text>
        <Input className='field__input' type='digit' value={refundAmount} placeholder={copy.amountPlaceholder} onInput={(e) => setRefundAmount(e.detail.value)} onConfirm={doRefund} />
      </View>
      {formError && <Text className='error-text'>{formError}</Text>}
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
    </>
  )
}
