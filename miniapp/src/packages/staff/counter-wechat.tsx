import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { isApiError } from '../../api/client'
import { subscriptionsApi } from '../../api/endpoints/subscriptions'
import { useStaffWechat, useStaffWechatBinding } from '../../api/hooks/staff'
import { PageState } from '../../components/PageState'
import { copy as subscribeCopy } from '../../components/SubscribeButton/copy'
import { pickSandboxChoice } from '../../components/SubscribeButton'
import { errorMessage } from '../../constants/error-copy'
import { confirmDialog } from '../../lib/dialog'
import { wechatCopy } from './copy'

function bindError(error: unknown): string {
  // The one conflict a bind can meet: this WeChat is another staff account's.
  return isApiError(error) && error.is('CONFLICT') ? wechatCopy.takenByOther : errorMessage(error)
}

/**
 * 我的微信: binds the WeChat this counter tool runs in to the signed-in staff account (the server
 * exchanges a wx.login code for its openid), so HQ's campaign test sends reach them; then asks, from
 * a tap, for the campaign templates, since a test send spends the staff member's own accept.
 */
export function WechatBindingPanel({ staffId }: { staffId: number }) {
  const binding = useStaffWechat(staffId)
  const { bind, unbind } = useStaffWechatBinding(staffId)
  const [asking, setAsking] = useState(false)

  if (!binding.data) return <PageState loading={binding.isPending} error={binding.error} onRetry={() => void binding.refetch()} loadingText={wechatCopy.loading} />
  const { bound, openidMasked, testTemplates } = binding.data

  const runBind = () =>
    bind.mutate(undefined, {
      onSuccess: () => void Taro.showToast({ title: wechatCopy.boundToast, icon: 'success' }),
      onError: (e) => void Taro.showToast({ title: bindError(e), icon: 'none', duration: 3000 }),
    })
  const runUnbind = async () => {
    if (!(await confirmDialog({ title: wechatCopy.unbind, content: wechatCopy.confirmUnbind }))) return
    unbind.mutate(undefined, {
      onSuccess: () => void Taro.showToast({ title: wechatCopy.unboundToast, icon: 'success' }),
      onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 }),
    })
  }
  // Only WeChat (or, on H5, the sandbox) holds a staff member's accepts: nothing is reported to our ledger, which is members'.
  const subscribe = async () => {
    const sandbox = await pickSandboxChoice()
    if (!sandbox) return
    setAsking(true)
    const outcome = await subscriptionsApi.request(testTemplates.map((t) => t.wechatTemplateId), sandbox).catch(() => null)
    setAsking(false)
    const text = !outcome
      ? subscribeCopy.error(0)
      : outcome.kind === 'error'
        ? subscribeCopy.error(outcome.errCode)
        : Object.values(outcome.results).includes('accept')
          ? wechatCopy.subscribed
          : wechatCopy.rejected
    void Taro.showToast({ title: text, icon: 'none', duration: 2500 })
  }

  const busy = bind.isPending || unbind.isPending
  if (!bound) {
    return (
      <View className='staff__wechat' data-bound='0'>
        <Text className='staff__wechat-state'>{wechatCopy.unbound}</Text>
        <Button className='btn-primary staff__btn' loading={bind.isPending} disabled={busy} onClick={runBind}>
          {wechatCopy.bind}
        </Button>
      </View>
    )
  }
  return (
    <View className='staff__wechat' data-bound='1'>
      <Text className='staff__wechat-state'>{wechatCopy.bound(openidMasked ?? '')}</Text>
      <Text className='hint staff__wechat-hint'>{testTemplates.length > 0 ? wechatCopy.boundHint : wechatCopy.noTemplates}</Text>
      {testTemplates.length > 0 && (
        <Button className='btn-primary staff__btn' loading={asking} disabled={asking} onClick={() => void subscribe()}>
          {wechatCopy.subscribe}
        </Button>
      )}
      <View className='admin__actions'>
        <Button className='btn-plain' loading={bind.isPending} disabled={busy} onClick={runBind}>
          {wechatCopy.rebind}
        </Button>
        <Button className='btn-plain' loading={unbind.isPending} disabled={busy} onClick={() => void runUnbind()}>
          {wechatCopy.unbind}
        </Button>
      </View>
    </View>
  )
}
