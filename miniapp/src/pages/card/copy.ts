export const copy = {
  cardNo: '卡号',
  points: '积分',
  growth: '成长值',
  nextTier: (name: string, left: number) => `再获得 ${left} 成长值升级为「${name}」`,
  topTier: '您已是最高等级',
  benefits: '等级权益',
  discount: (percent: number) => `消费享 ${percent / 10} 折`,
  multiplier: (m: number) => `积分 ${m} 倍累积`,
  birthdayBonus: (p: number) => `生日当月赠送 ${p} 积分`,
  noBenefits: '该等级暂无额外权益',
  notMember: '您还不是会员',
  join: '加入会员',
} as const
