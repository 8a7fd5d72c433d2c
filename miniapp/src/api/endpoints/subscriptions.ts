import Taro from '@tarojs/taro'
import type { MemberSubscriptionsView, SubscribeAnswer } from '@huiyuan/shared-types'
import { api, sandboxSubscribe } from '../client'
import { isH5 } from '../env'

export type { MemberSubscriptionsView }

/** How one ask ended: the answers per template, or a client error WeChat gives instead (20004 switch off, 20005 banned…). */
export type SubscribeOutcome = { kind: 'answered'; results: Record<string, SubscribeAnswer> } | { kind: 'error'; errCode: number }

/** The H5 build's stand-in for WeChat's pop-up, with the development choices the sandbox can answer. */
export type SandboxChoice = { reject?: boolean; errCode?: 20004 | 20005 }

function answersOf(raw: Record<string, unknown>, templateIds: string[]): Record<string, SubscribeAnswer> {
  const results: Record<string, SubscribeAnswer> = {}
  for (const id of templateIds) {
    const answer = raw[id]
    if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') results[id] = answer
  }
  return results
}

export const subscriptionsApi = {
  mine: () => api.get<MemberSubscriptionsView>('/api/v1/subscriptions'),
  report: (results: Record<string, SubscribeAnswer>) => api.post<MemberSubscriptionsView>('/api/v1/subscriptions/reports', { results }),
  /** 20005: WeChat refused the pop-up because the app may be banned; the server pauses campaigns once enough members say so. */
  reportBanned: () => api.post<MemberSubscriptionsView>('/api/v1/subscriptions/reports', { errCode: 20005 }),
  /** wx.requestSubscribeMessage (must run inside a tap); on H5 the sandbox answers for WeChat. */
  async request(templateIds: string[], sandbox: SandboxChoice = {}): Promise<SubscribeOutcome> {
    if (isH5()) {
      const raw = await sandboxSubscribe(templateIds, sandbox)
      if (typeof raw.errcode === 'number' && raw.errcode !== 0) return { kind: 'error', errCode: raw.errcode }
      return { kind: 'answered', results: answersOf(raw, templateIds) }
    }
    try {
      const raw = (await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })) as unknown as Record<string, unknown>
      return { kind: 'answered', results: answersOf(raw, templateIds) }
    } catch (error) {
      const errCode = Number((error as { errCode?: unknown }).errCode ?? 0)
      return { kind: 'error', errCode }
    }
  },
}
