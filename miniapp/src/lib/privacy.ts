import Taro from '@tarojs/taro'
import { isH5 } from '../api/env'

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void
type Listener = (pending: boolean) => void

let pendingResolve: Resolve | null = null
const listeners = new Set<Listener>()

function setPending(resolve: Resolve | null): void {
  pendingResolve = resolve
  listeners.forEach((fn) => fn(resolve !== null))
}

/**
 * WeChat (base library 2.32.3+) pauses an API that touches personal data until the member agrees to
 * the privacy guide; with this handler the app shows its own notice (PrivacyGate) instead of failing.
 * Called once at launch; H5 has no such pause.
 */
export function listenForPrivacyAuthorization(): void {
  if (isH5() || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    setPending(resolve)
    resolve({ event: 'exposureAuthorization' })
  })
}

export const privacyGate = {
  isPending: (): boolean => pendingResolve !== null,
  subscribe(listener: Listener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  agree(buttonId: string): void {
    pendingResolve?.({ event: 'agree', buttonId })
    setPending(null)
  },
  disagree(): void {
    pendingResolve?.({ event: 'disagree' })
    setPending(null)
  },
}
