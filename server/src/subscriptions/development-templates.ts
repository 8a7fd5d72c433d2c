import { MessageTemplateCode, TemplatePurpose } from '@huiyuan/shared-types';

/**
 * How the sandbox's templates are registered in development: the code each serves, its purpose and
 * landing page. A real app's HQ registers its own templates in the console (消息模板).
 */
export const DEVELOPMENT_TEMPLATE_SET: ReadonlyArray<{ wechatTemplateId: string; code: MessageTemplateCode | null; purpose: TemplatePurpose; page: string }> = [
  { wechatTemplateId: 'sbxPointsChange0aT3qJ9vXw2LmKd7NfYcR4uE5hGzB1o', code: 'points_changed', purpose: 'service', page: 'packages/points/index' },
  { wechatTemplateId: 'sbxCouponExpiring7pVb2Xs9KqLw4DmNe6RtYcFh3JgU8', code: 'coupon_expiry', purpose: 'service', page: 'packages/coupons/index' },
  { wechatTemplateId: 'sbxCheckinReminder3Hn8Qw5ZpLx2VbKd9MfTy4RcGs6J', code: 'checkin_reminder', purpose: 'service', page: 'packages/checkin/index' },
  { wechatTemplateId: 'sbxTierUpgrade5Kf2Wq8XnLb3VdMs7PyTz6RcHg9Ju4Ea1', code: 'tier_upgrade', purpose: 'service', page: 'pages/card/index' },
  { wechatTemplateId: 'sbxWelcomeMember9Lm4Xq2WbNz7VkDs3PfTy8RcJg5Hu6', code: 'welcome', purpose: 'service', page: 'pages/card/index' },
  { wechatTemplateId: 'sbxPointsExpiring2Rt6Yw9QmLx4VbNd8KfPz3HcGs7J', code: 'points_expiring', purpose: 'service', page: 'packages/points/index' },
  { wechatTemplateId: 'sbxBirthdayGreeting6Wm3Qx8ZnLb2VdKs9PfTy5RcHg4', code: 'birthday', purpose: 'service', page: 'packages/coupons/index' },
  { wechatTemplateId: 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H', code: 'member_activity', purpose: 'campaign', page: 'pages/home/index' },
  { wechatTemplateId: 'sbxMemberCare4Pz7Wq2XnLb8VdMs3KyTf6RcHg9Ju5Ea', code: 'member_care', purpose: 'service', page: 'packages/coupons/index' },
  { wechatTemplateId: 'sbxNewArrival1Kd6Wq9XmLb3VzNs7PyTf2RcHg8Ju4Eb', code: null, purpose: 'campaign', page: 'packages/mall/index' },
];
