export const copy = {
  title: '邀请好友',
  // The member API does not say which event qualifies a referral (HQ can change it), so the wording stays neutral.
  intro: '好友通过你的邀请加入会员，好友完成指定任务后双方获得奖励。',
  myCode: '我的邀请码',
  share: '分享给好友',
  copyLink: '复制邀请链接',
  copied: '邀请链接已复制',
  shareTitle: '送你一张会员卡，加入即得积分',
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
