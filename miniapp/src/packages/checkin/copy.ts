export const copy = {
  title: '每日签到',
  streak: (n: number) => `已连续签到 ${n} 天`,
  checkIn: '立即签到',
  checkedIn: '今日已签到',
  tomorrow: (p: number) => `明天签到可得 ${p} 积分`,
  result: (p: number, b: number) => `签到成功，获得 ${p} 积分（余额 ${b}）`,
  bonus: (b: number) => `含连签奖励 ${b} 积分`,
  weekdays: ['日', '一', '二', '三', '四', '五', '六'],
  monthTitle: (y: number, m: number) => `${y} 年 ${m} 月`,
  prev: '‹',
  next: '›',
} as const
