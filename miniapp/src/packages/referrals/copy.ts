export const copy = {
  title: '邀请好友',
  offer: (event: 'join' | 'first_checkin' | 'first_purchase', mine: number, friend: number) =>
    `好友通过您的邀请${{ join: '加入会员', first_checkin: '加入并完成首次签到', first_purchase: '加入并完成首次消费' }[event]}后，您得 ${mine} 积分，好友得 ${friend} 积分。`,
  offerOff: '邀请奖励活动暂未开启，您仍可邀请好友加入。',
  myCode: '我的邀请码',
  share: '分享给好友',
  copyLink: '复制邀请链接',
  copied: '邀请链接已复制',
  shareTitle: '送您一张会员卡，加入即得积分',
  totalReward: (p: number) => `累计获得 ${p} 积分`,
  invitations: '邀请记录',
  none: '还没有邀请记录',
  states: {
    joined: '已加入',
    qualified: '已达成',
    rewarded: '已奖励',
    held: '审核中',
    flagged: '审核中',
    rejected: '未通过',
  },
  reward: (p: number) => `+${p}`,
} as const
