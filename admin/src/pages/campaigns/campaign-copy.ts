import type { CampaignStatus, DeliveryStatus } from '@huiyuan/shared-types'

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
