import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAskSubscription } from '../../api/hooks/subscriptions'
import type { SandboxChoice } from '../../api/endpoints/subscriptions'
import { isH5 } from '../../api/env'
import { copy, outcomeText } from './copy'

interface Props {
  /** WeChat template ids, at most 3 (WeChat's limit for one pop-up). */
  templateIds: string[]
  label: string
  className?: string
}

const SANDBOX_CHOICES: SandboxChoice[] = [{}, { reject: true }, { errCode: 20004 }, { errCode: 20005 }]

/** What the sandbox should answer for this tap: in H5 a sheet stands in for WeChat's pop-up (null when dismissed); in WeChat, nothing. */
export async function pickSandboxChoice(): Promise<SandboxChoice | null> {
  if (!isH5()) return {}
  const picked = await Taro.showActionSheet({ itemList: copy.sandboxChoices, alertText: copy.sandboxTitle }).catch(() => null)
  return picked ? (SANDBOX_CHOICES[picked.tapIndex] ?? {}) : null
}

/**
 * A tap that asks WeChat for the member's consent to these notifications. WeChat only shows its
 * pop-up from a tap; in the H5 build a sheet stands in for it, with the answers WeChat can give.
 * Nothing is given for subscribing: WeChat forbids rewarding it.
 */
export function SubscribeButton({ templateIds, label, className }: Props) {
  const ask = useAskSubscription()
  const run = async () => {
    const sandbox = await pickSandboxChoice()
    if (!sandbox) return
    const outcome = await ask.mutateAsync({ templateIds, sandbox }).catch(() => null)
    if (!outcome) return void Taro.showToast({ title: copy.error(0), icon: 'none' })
    const text = outcome.kind === 'error' ? copy.error(outcome.errCode) : outcomeText(outcome.results)
    void Taro.showToast({ title: text, icon: 'none', duration: 2500 })
  }
  if (templateIds.length === 0) return null
  return (
    <Button className={className ?? 'btn-plain'} loading={ask.isPending} disabled={ask.isPending} onClick={() => void run()}>
      {label}
    </Button>
  )
}
