export const copy = {
  title: '首页',
  greetingMorning: '早上好',
  greetingAfternoon: '下午好',
  greetingEvening: '晚上好',
  guestName: '朋友',
  welcome: '欢迎来到会员中心',
  notMember: (points: number | undefined) => (points ? `入会即送 ${points} 积分，享等级折扣和会员专享券` : '加入会员，享积分、等级折扣和会员专享券'),
  join: '立即加入',
  points: '当前积分',
  tier: '等级',
  tiles: {
    checkin: { icon: 'checkin', title: '每日签到', subtitle: '连签有奖励' },
    mall: { icon: 'gift', title: '积分商城', subtitle: '积分兑好礼' },
    coupons: { icon: 'coupon', title: '我的券', subtitle: '券包与核销' },
    referrals: { icon: 'invite', title: '邀请好友', subtitle: '双方得积分' },
    points: { icon: 'points', title: '积分明细', subtitle: '收支与到期' },
  },
} as const
