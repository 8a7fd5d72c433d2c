import type { AppBanReportsView, CampaignStatus, DeliveryStatus } from '@huiyuan/shared-types'

/** The words the campaign pages show, in one place. */
export const statusNames: Record<CampaignStatus, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  scheduled: { text: '定时待发', color: 'blue' },
  sending: { text: '发送中', color: 'processing' },
  paused: { text: '已暂停', color: 'warning' },
  completed: { text: '已完成', color: 'success' },
  cancelled: { text: '已取消', color: 'default' },
}

export const deliveryNames: Record<DeliveryStatus, string> = {
  queued: '排队中',
  sending: '发送中',
  sent: '已送达微信',
  failed: '发送失败',
  unknown: '结果未知（不会重发）',
  cancelled: '已取消',
  skipped_quota: '未订阅（无可用次数）',
  skipped_cap: '超出每周频次',
  skipped_holdout: '对照组（不发送）',
  skipped_render: '内容不符合模板要求',
  skipped_no_openid: '无法触达（无微信身份）',
  skipped_expired: '已过期',
}

/** WeChat's send errcodes as HQ should read them. */
export const errcodeNames: Record<number, string> = {
  43101: '会员未订阅或次数已用完',
  40003: '会员微信身份无效',
  40037: '模板 ID 无效',
  41030: '落地页不在已发布版本中',
  47003: '字段内容不合规',
  45009: '已达微信每日上限',
}

/**
 * What a campaign's state means for HQ, in one sentence under its progress: why nothing is moving
 * (quiet hours, paused and by whom or what), or what is over (cancelled, completed). null: nothing to add.
 */
export function stateNotice(
  status: CampaignStatus,
  r: { pauseReason: string | null; quietUntil: string | null; byStatus: Partial<Record<DeliveryStatus, number>> } | undefined,
  at: { sendAt: string | null; quietStart: string; quietEnd: string },
  clock: (iso: string | null) => string,
): { type: 'info' | 'warning' | 'success'; message: string } | null {
  const queued = r?.byStatus.queued ?? 0
  switch (status) {
    case 'scheduled':
      return { type: 'info', message: `定时发送：将于 ${clock(at.sendAt)} 开始，开始时按分群冻结发送对象。` }
    case 'sending':
      return r?.quietUntil ? { type: 'info', message: `免打扰时段（${at.quietStart}–${at.quietEnd}）：${queued} 条消息排队中，将于 ${clock(r.quietUntil)} 后按发送速率逐步发出。` } : null
    case 'paused':
      return { type: 'warning', message: `已暂停${r?.pauseReason ? `（${r.pauseReason}）` : ''}：排队中的 ${queued} 条消息暂不发送，点“恢复”继续，或“取消活动”不再发送。` }
    case 'cancelled':
      return { type: 'warning', message: '活动已取消：未发出的消息不再发送，也不会占用会员的订阅次数；已发出的消息和统计保留如下。' }
    case 'completed':
      return { type: 'success', message: '发送完毕：以下为各状态人数，打开与消费转化会继续累计。' }
    default:
      return null
  }
}

/**
 * The members' 20005 reports as HQ reads them: null with none pending. One member's report proves
 * nothing (a modified client, one phone), so it takes `threshold` members to pause everything.
 */
export function appBanNotice(view: AppBanReportsView): { type: 'warning' | 'error'; message: string; description: string } | null {
  if (view.paused) {
    return { type: 'error', message: '全部活动已因小程序被封禁的报告暂停', description: `${view.paused.reason}。确认后逐个恢复活动；恢复之前的报告不再计数。` }
  }
  if (view.members === 0) return null
  return {
    type: 'warning',
    message: `${view.members} 位会员的小程序报告 20005（封禁），达到 ${view.threshold} 位将暂停全部活动`,
    description: `统计最近 ${view.windowHours} 小时内、上次恢复以来的报告，每位会员只计一次。请在微信公众平台查看小程序是否受到处罚。`,
  }
}
