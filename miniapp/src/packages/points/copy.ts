export const copy = {
  expiring: '即将过期',
  noExpiring: '近期没有即将过期的积分',
  expiresOn: (p: number, d: string) => `${p} 积分将于 ${d} 过期`,
  ledger: '积分明细',
  empty: '还没有积分记录',
  more: '加载更多',
  end: '没有更多了',
  balanceAfter: (b: number) => `余额 ${b}`,
} as const
