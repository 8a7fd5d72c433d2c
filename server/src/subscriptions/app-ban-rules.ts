/** When 20005 reports pause every campaign: WECHAT_BAN_REPORTS_TO_PAUSE members within WECHAT_BAN_REPORT_WINDOW_HOURS. */
export interface BanReportRule {
  toPause: number;
  windowHours: number;
}

/**
 * Where counting starts: the window back from now, but never before HQ last resumed after a ban
 * pause (HQ checked WeChat's console then; what was reported before says nothing new).
 */
export function banCountingFrom(now: Date, rule: BanReportRule, resumedAt: Date | null): Date {
  const windowStart = now.getTime() - rule.windowHours * 3_600_000;
  return new Date(resumedAt ? Math.max(windowStart, resumedAt.getTime()) : windowStart);
}

/** Whether the reports counted from banCountingFrom (one per member) pause every campaign. */
export function banReportsPause(members: number, rule: BanReportRule): boolean {
  return members >= rule.toPause;
}

/** The reason HQ reads on every paused campaign; `since` in the business time zone. */
export function banPauseReason(members: number, since: Date, timeZone: string): string {
  const at = new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(since);
  return `${members} 位会员的小程序自 ${at} 起报告 20005（小程序被封禁）：微信可能已禁止本小程序发送订阅消息，全部活动已暂停；请在微信公众平台确认处罚状态后再恢复`;
}
