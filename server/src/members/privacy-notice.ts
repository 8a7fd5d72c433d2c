/** The notice members accept at join; bump PRIVACY_NOTICE_VERSION in shared-types when this text changes. */
export const PRIVACY_NOTICE = {
  title: '会员隐私政策',
  body: [
    '我们收集：微信身份标识（openid）、您主动填写的昵称、性别、生日、地区与职业，以及您授权的手机号。',
    '用途：识别会员身份、积分与等级、优惠券核销、生日与积分到期提醒。手机号加密保存，员工仅能看到脱敏号码。',
    '您可以随时在“我的 → 隐私”中查看本政策、导出个人数据或注销账户。注销后个人信息将被删除或匿名化，积分流水仅以匿名方式保留用于对账。',
    '我们不会向第三方出售您的个人信息。',
  ].join('\n\n'),
};
