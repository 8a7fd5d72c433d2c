import type { SubscribeAnswer } from '@huiyuan/shared-types'

export const copy = {
  title: '消息订阅',
  intro: '订阅后，我们会在相关事项发生时通过微信服务通知提醒您。每次“允许”可接收一条该类通知，收到后如需继续接收，请再次订阅。',
  remaining: (n: number) => (n > 0 ? `还可接收 ${n} 条` : '未订阅'),
  unconfirmed: (n: number) => `其中 ${n} 条等待微信确认`,
  off: '您已在微信设置中关闭此通知',
  subscribe: '订阅提醒',
  subscribeMore: '再订阅一条',
  empty: '暂无可订阅的通知',
  purpose: { service: '服务通知', campaign: '会员活动' } as const,
  thanks: '订阅成功，相关通知将及时提醒您',
  rejected: '您选择了暂不接收，随时可以在这里重新订阅',
  filtered: '该通知已在本次订阅中，无需重复订阅',
  banned: '该通知暂不可用',
  error: (code: number) =>
    code === 20004
      ? '您关闭了微信“接收订阅消息”的总开关，请在微信“设置 → 通知”中开启后再试'
      : code === 20005
        ? '小程序暂时无法发送订阅消息，请稍后再试'
        : code === 20003
          ? '一次最多订阅 3 条通知，请分次订阅'
          : '订阅未完成，请稍后再试',
  sandboxTitle: '订阅消息（开发环境）',
  sandboxChoices: ['允许', '拒绝', '模拟：总开关已关闭（20004）', '模拟：小程序被封禁（20005）'],
}

export function outcomeText(results: Record<string, SubscribeAnswer>): string {
  const answers = Object.values(results)
  if (answers.includes('accept')) return copy.thanks
  if (answers.includes('filter')) return copy.filtered
  if (answers.includes('ban')) return copy.banned
  return copy.rejected
}
