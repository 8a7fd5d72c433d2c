/** A subscribe-message template as WeChat's template library describes one: keys carry their field type. */
export interface SandboxTemplate {
  id: string;
  title: string;
  /** Field key → label, in display order. */
  fields: Record<string, string>;
}

/** The templates the sandbox app has "added" from WeChat's library, one per kind of message the platform sends. */
export const SANDBOX_TEMPLATES: readonly SandboxTemplate[] = [
  {
    id: 'sbxPointsChange0aT3qJ9vXw2LmKd7NfYcR4uE5hGzB1o',
    title: '积分变动提醒',
    fields: { thing1: '变动原因', number2: '变动积分', number3: '当前积分', time4: '变动时间', character_string5: '订单编号' },
  },
  {
    id: 'sbxCouponExpiring7pVb2Xs9KqLw4DmNe6RtYcFh3JgU8',
    title: '优惠券到期提醒',
    fields: { thing1: '优惠券名称', amount2: '优惠金额', date3: '到期日期', thing4: '温馨提示' },
  },
  {
    id: 'sbxCheckinReminder3Hn8Qw5ZpLx2VbKd9MfTy4RcGs6J',
    title: '签到提醒',
    fields: { thing1: '活动名称', phrase2: '签到状态', number3: '连续签到天数', thing4: '奖励说明' },
  },
  {
    id: 'sbxTierUpgrade5Kf2Wq8XnLb3VdMs7PyTz6RcHg9Ju4Ea1',
    title: '会员升级通知',
    fields: { name1: '会员昵称', thing2: '当前等级', time3: '升级时间', phrase4: '升级方式', character_string5: '会员卡号' },
  },
  {
    id: 'sbxWelcomeMember9Lm4Xq2WbNz7VkDs3PfTy8RcJg5Hu6',
    title: '入会成功通知',
    fields: { name1: '会员昵称', character_string2: '会员卡号', time3: '入会时间', thing4: '入会门店', phone_number5: '客服电话' },
  },
  {
    id: 'sbxPointsExpiring2Rt6Yw9QmLx4VbNd8KfPz3HcGs7J',
    title: '积分即将过期提醒',
    fields: { number1: '即将过期积分', date2: '过期日期', number3: '当前积分', thing4: '温馨提示' },
  },
  {
    id: 'sbxBirthdayGreeting6Wm3Qx8ZnLb2VdKs9PfTy5RcHg4',
    title: '生日祝福提醒',
    fields: { name1: '会员昵称', thing2: '祝福语', thing3: '生日礼遇', date4: '有效期至' },
  },
  {
    id: 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H',
    title: '会员活动通知',
    fields: { thing1: '活动名称', thing2: '活动内容', date3: '活动时间', thing4: '温馨提示' },
  },
  {
    id: 'sbxMemberCare4Pz7Wq2XnLb8VdMs3KyTf6RcHg9Ju5Ea',
    title: '会员关怀提醒',
    fields: { thing1: '关怀内容', thing2: '专属福利', date3: '有效期至' },
  },
  {
    id: 'sbxNewArrival1Kd6Wq9XmLb3VzNs7PyTf2RcHg8Ju4Eb',
    title: '新品上市通知',
    fields: { thing1: '商品名称', amount2: '会员价', thing3: '上市说明' },
  },
];
