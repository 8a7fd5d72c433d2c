import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { isApiError } from '../../api/client'
import { isH5 } from '../../api/env'
import { useCouponPreview, useVerifyCoupon } from '../../api/hooks/staff'
import { errorMessage } from '../../constants/error-copy'
import { formatDate, formatDateTime } from '../../lib/format'
import { copy } from './copy'
import { Row } from './parts'

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

/** 核销 in two steps: the coupon and its member are shown, then the clerk confirms; nothing is spent by a look. */
export function VerifyPanel() {
  const [code, setCode] = useState('')
  const preview = useCouponPreview()
  const verify = useVerifyCoupon()
  const problem = verify.error ?? preview.error
  const used = alreadyUsed(problem)

  const look = (value = code) => {
    const trimmed = value.trim()
    if (!trimmed) return
    verify.reset()
    preview.mutate(trimmed)
  }
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true })
      if (result) {
        setCode(result)
        look(result)
      }
    } catch {
      // The clerk closed the scanner.
    }
  }
  const confirm = () => {
    const shown = preview.data
    if (!shown) return
    verify.mutate({ code: shown.coupon.code }, { onSuccess: () => { preview.reset(); setCode('') } })
  }

  return (
    <>
      <View className='staff__search'>
        <Input className='staff__search-input' value={code} placeholder={copy.couponPlaceholder} onInput={(e) => setCode(e.detail.value)} onConfirm={() => look()} />
        {!isH5() && (
          <Button className='btn-plain staff__inline-btn' onClick={() => void scan()}>
            {copy.scan}
          </Button>
        )}
        <Button className='btn-plain staff__inline-btn' disabled={preview.isPending || !code.trim()} onClick={() => look()}>
          {copy.previewCoupon}
        </Button>
      </View>
      {problem ? <Text className='error-text'>{errorMessage(problem)}</Text> : null}
      {used && (used.at || used.store) && (
        <View className='staff__result staff__result--used'>
          {used.at && <Row label={copy.coupon.usedAt} value={used.at} />}
          {used.store && <Row label={copy.coupon.usedStore} value={used.store} />}
        </View>
      )}
      {preview.data && !verify.data && (
        <View className='staff__result staff__preview'>
          <Text className='staff__preview-title'>{copy.previewTitle}</Text>
          <Row label={copy.coupon.title} value={preview.data.coupon.title} />
          <Row label={copy.coupon.face} value={preview.data.coupon.faceText} />
          <Row label={copy.coupon.member} value={`${preview.data.member.nickname ?? ''} ${preview.data.member.cardNo}`} />
          <Row label={copy.coupon.expires} value={formatDate(preview.data.coupon.expiresAt)} />
          <View className='admin__actions'>
            <Button className='btn-plain' onClick={() => preview.reset()}>
              {copy.cancel}
            </Button>
            <Button className='btn-primary' disabled={verify.isPending} onClick={confirm}>
              {copy.confirmVerify}
            </Button>
          </View>
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
    </>
  )
}
