import Taro from '@tarojs/taro'
import { uuid4 } from '../lib/uuid'

const KEYS = {
  memberToken: 'hy.memberToken',
  staffToken: 'hy.staffToken',
  staffProfile: 'hy.staffProfile',
  devOpenid: 'hy.devOpenid',
} as const

type Listener = () => void
const listeners = new Set<Listener>()

function read(key: string): string | null {
  const value: unknown = Taro.getStorageSync(key)
  return typeof value === 'string' && value !== '' ? value : null
}

function write(key: string, value: string | null): void {
  if (value === null) Taro.removeStorageSync(key)
  else Taro.setStorageSync(key, value)
  listeners.forEach((fn) => fn())
}

/**
 * Member and staff sessions are kept apart: a clerk may also be a member on the same phone, and
 * signing out of the staff console must not sign the member out.
 */
export const authStore = {
  memberToken: (): string | null => read(KEYS.memberToken),
  setMemberToken: (token: string | null): void => write(KEYS.memberToken, token),
  staffToken: (): string | null => read(KEYS.staffToken),
  setStaffToken: (token: string | null): void => write(KEYS.staffToken, token),
  staffProfileJson: (): string | null => read(KEYS.staffProfile),
  setStaffProfileJson: (json: string | null): void => write(KEYS.staffProfile, json),
  /** H5 only: the sandbox openid this browser logs in as, so the same browser stays the same member. */
  devOpenid(): string {
    const existing = read(KEYS.devOpenid)
    if (existing) return existing
    const openid = `h5-${uuid4().replace(/-/g, '')}`
    write(KEYS.devOpenid, openid)
    return openid
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}
