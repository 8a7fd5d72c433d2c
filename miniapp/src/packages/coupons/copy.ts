export const copy = {
  tabs: [
    { value: 'active', label: '可使用' },
    { value: 'used', label: '已使用' },
    { value: 'expired', label: '已过期' },
  ],
  empty: '这里还没有券',
  toMall: '去积分商城兑换',
  expires: (d: string) => `有效期至 ${d}`,
  usedAt: (d: string) => `使用于 ${d}`,
  more: '加载更多',
  code: '券码',
  showToClerk: '到店出示此码，由店员扫码核销',
  stores: '适用门店',
  notes: '使用说明',
  validFrom: '生效时间',
  status: { active: '可使用', used: '已使用', expired: '已过期' },
} as const
