import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { BaseEventOrig, ButtonProps } from '@tarojs/components'
import { membersApi } from '../../api/endpoints/members'
import { isH5 } from '../../api/env'
import { errorMessage } from '../../constants/error-copy'
import './index.scss'

export const phoneCopy = {
  refused: '您未授权手机号，可以稍后在「我的」中绑定',
  unavailable: '暂时无法获取微信手机号，请稍后在「我的」中绑定',
  sandboxHint: '开发环境：输入要模拟的微信手机号',
  sandboxPlaceholder: '11 位手机号',
  sandboxGo: '确定',
  sandboxBad: '请输入 11 位手机号',
} as const

export type PhoneOutcome = { kind: 'code'; code: string } | { kind: 'refused' } | { kind: 'unavailable' }

/** WeChat's answer to the getPhoneNumber button: a one-time code, the member's refusal, or no phone service for this app. */
export function phoneOutcome(detail: { errMsg?: string; code?: string; errno?: number }): PhoneOutcome {
  if (detail.code) return { kind: 'code', code: detail.code }
  if (/deny|cancel/i.test(detail.errMsg ?? '')) return { kind: 'refused' }
  return { kind: 'unavailable' }
}

export const phoneOutcomeText = (outcome: PhoneOutcome): string | null =>
  outcome.kind === 'refused' ? phoneCopy.refused : outcome.kind === 'unavailable' ? phoneCopy.unavailable : null

/**
 * The getPhoneNumber button (a tap is required by WeChat). In H5 there is no such button: the sandbox
 * issues the code for a number typed in, so the rest of the flow is the real one.
 */
export function PhoneButton({ className, disabled, children, onOutcome }: { className: string; disabled?: boolean; children: string; onOutcome: (outcome: PhoneOutcome) => void }) {
  const [asking, setAsking] = useState(false)
  const [number, setNumber] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  if (!isH5()) {
    const onGet = (e: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) => onOutcome(phoneOutcome(e.detail))
    return (
      <Button className={className} disabled={disabled} openType='getPhoneNumber' onGetPhoneNumber={onGet}>
        {children}
      </Button>
    )
  }

  const submit = async () => {
    if (!/^1\d{10}$/.test(number)) return setProblem(phoneCopy.sandboxBad)
    try {
      const { code } = await membersApi.sandboxPhoneCode(number)
      setAsking(false)
      onOutcome({ kind: 'code', code })
    } catch (error) {
      setProblem(errorMessage(error))
    }
  }

  return (
    <View className='phone-button'>
      <Button className={className} disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </Button>
      {asking && (
        <View className='phone-button__sandbox'>
          <Text className='hint'>{phoneCopy.sandboxHint}</Text>
          <View className='phone-button__row'>
            <Input className='phone-button__input' type='number' maxlength={11} value={number} placeholder={phoneCopy.sandboxPlaceholder} onInput={(e) => {
                setNumber(e.detail.value)
                setProblem(null)
              }} />
            <Button className='btn-plain phone-button__go' onClick={() => void submit()}>
              {phoneCopy.sandboxGo}
            </Button>
          </View>
          {problem && <Text className='error-text'>{problem}</Text>}
        </View>
      )}
    </View>
  )
}
