import { Button, Image, Text, View } from '@tarojs/components'
import type { MemberCodeState } from '../../api/hooks/use-member-code'
import { errorMessage } from '../../constants/error-copy'
import './index.scss'

export const memberCodeCopy = {
  title: '会员码',
  hint: '结账时出示给店员扫码',
  refreshIn: (s: number) => `${s} 秒后自动刷新`,
  refreshing: '正在刷新…',
  loading: '正在生成会员码…',
  refresh: '刷新',
} as const

/** The dynamic code a clerk scans: QR, barcode, the code as text, and the countdown to the next one. */
export function MemberCodePanel({ state }: { state: MemberCodeState }) {
  const { code, error, loading, secondsLeft, refresh } = state
  return (
    <View className='member-code'>
      <Text className='member-code__title'>{memberCodeCopy.title}</Text>
      <Text className='member-code__hint'>{memberCodeCopy.hint}</Text>
      {code ? (
        <View className='member-code__body'>
          <Image className='member-code__barcode' src={code.barcodePng} mode='aspectFit' />
          <Text className='member-code__text' selectable>
            {code.code}
          </Text>
          <Image className='member-code__qr' src={code.qrPng} mode='aspectFit' />
          <Text className='member-code__countdown'>
            {loading ? memberCodeCopy.refreshing : memberCodeCopy.refreshIn(secondsLeft)}
          </Text>
        </View>
      ) : (
        error ? null : <Text className='member-code__hint'>{memberCodeCopy.loading}</Text>
      )}
      {error ? <Text className='member-code__error'>{errorMessage(error)}</Text> : null}
      <Button className='btn-plain member-code__refresh' size='mini' onClick={refresh} disabled={loading}>
        {memberCodeCopy.refresh}
      </Button>
    </View>
  )
}
