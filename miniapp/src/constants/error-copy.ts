import { isApiError, type ClientErrorCode } from '../api/client'

/** zh-CN wording for the errors a member or clerk can meet; anything else shows the server message. */
const messages: Partial<Record<ClientErrorCode, string>> = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  UNEXPECTED_RESPONSE: '服务暂时不可用，请稍后再试',
  ROUTE_NOT_FOUND: '该功能的服务端接口尚未上线',
  INTERNAL: '服务器开小差了，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  WECHAT_CODE_INVALID: '微信登录失败，请重试',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用',
  NOT_A_MEMBER: '您还不是会员，请先加入',
  MEMBER_NOT_FOUND: '未找到该会员',
  MEMBER_CODE_INVALID: '会员码无效',
  MEMBER_CODE_EXPIRED: '会员码已过期，请让顾客刷新',
  CONSENT_VERSION_OUTDATED: '隐私政策已更新，请重新阅读后加入',
  STORE_NOT_FOUND: '门店不存在',
  STAFF_CREDENTIALS_INVALID: '用户名或密码错误',
  STAFF_LOCKED: '账号已锁定，请联系管理员',
  STAFF_PASSWORD_CHANGE_REQUIRED: '请先修改初始密码',
  POINTS_INSUFFICIENT: '积分不足',
  PURCHASE_NOT_FOUND: '未找到该笔消费',
  REFUND_EXCEEDS_PURCHASE: '退款金额超过消费金额',
  REWARD_NOT_FOUND: '奖品不存在',
  REWARD_SOLD_OUT: '奖品已兑完',
  REWARD_NOT_AVAILABLE: '奖品当前不可兑换',
  REWARD_LIMIT_REACHED: '已达到每人兑换上限',
  COUPON_NOT_FOUND: '未找到该券',
  COUPON_ALREADY_USED: '该券已核销',
  COUPON_EXPIRED: '该券已过期',
  COUPON_NOT_YET_VALID: '该券尚未生效',
  COUPON_WRONG_STORE: '该券不能在本门店使用',
  COUPON_NOT_USED: '该券未核销或已撤销',
  VERIFICATION_UNDO_WINDOW_PASSED: '已超过可撤销时间，无法撤销',
  COUPON_SOLD_OUT: '券已发完',
  COUPON_LIMIT_REACHED: '已达到领取上限',
  TIER_NOT_FOUND: '会员等级不存在',
  CONFLICT: '数据已被修改，请刷新后重试',
  IDEMPOTENCY_IN_PROGRESS: '上一次提交仍在处理中，请稍候再试',
  VALIDATION_FAILED: '输入有误，请检查后重试',
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return messages[error.code] ?? error.message
  if (error instanceof Error) return error.message
  return '出错了，请重试'
}
