import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { privacyGate } from '../../lib/privacy'
import './index.scss'

const AGREE_BUTTON = 'privacy-agree'

export const privacyGateCopy = {
  title: '隐私保护提示',
  body: '使用此功能需要您同意《用户隐私保护指引》，我们仅在您使用相应功能时收集必要信息（如手机号、保存到相册的图片）。',
  read: '查看《用户隐私保护指引》',
  agree: '同意',
  disagree: '拒绝',
} as const

/** The app's own privacy notice, shown when WeChat pauses a privacy-scoped API (see lib/privacy.ts). Put it on pages that use one. */
export function PrivacyGate() {
  const [pending, setPending] = useState(privacyGate.isPending)
  useEffect(() => privacyGate.subscribe(setPending), [])
  if (!pending) return null
  return (
    <View className='privacy-gate' role='dialog' ariaRole='dialog' ariaLabel={privacyGateCopy.title}>
      <View className='privacy-gate__sheet'>
        <Text className='privacy-gate__title'>{privacyGateCopy.title}</Text>
        <Text className='privacy-gate__body'>{privacyGateCopy.body}</Text>
        <Text className='privacy-gate__link' onClick={() => void Taro.openPrivacyContract({})}>
          {privacyGateCopy.read}
        </Text>
        <View className='privacy-gate__actions'>
          <Button className='btn-plain privacy-gate__btn' onClick={() => privacyGate.disagree()}>
            {privacyGateCopy.disagree}
          </Button>
          <Button id={AGREE_BUTTON} className='btn-primary privacy-gate__btn' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => privacyGate.agree(AGREE_BUTTON)}>
            {privacyGateCopy.agree}
          </Button>
        </View>
      </View>
    </View>
  )
}
