import type { FieldError } from '@huiyuan/shared-types'
import { isApiError, type ClientErrorCode } from '../api/client'

/**
 * The one place a failure becomes words. Every code has zh-CN wording (the Record is exhaustive, so a
 * new server code breaks the type check here), and the server's own message, which is English for
 * developers, never reaches a screen.
 */
const messages: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  UNEXPECTED_RESPONSE: '服务暂时不可用，请稍后再试',
  VALIDATION_FAILED: '输入有误，请检查后重试',
  MALFORMED_REQUEST: '请求有误，请刷新后重试',
  NOT_FOUND: '您要找的内容不存在',
  ROUTE_NOT_FOUND: '该功能暂未开放',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  IDEMPOTENCY_KEY_REUSED: '请求重复，请刷新后重试',
  IDEMPOTENCY_IN_PROGRESS: '上一次提交仍在处理中，请稍候再试',
  CONFLICT: '数据已被修改，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '服务器开小差了，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  WECHAT_CODE_INVALID: '微信登录失败，请重试',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  NOT_A_MEMBER: '加入会员后即可使用',
  MEMBER_NOT_FOUND: '未找到该会员',
  MEMBER_CODE_INVALID: '会员码无效，请让顾客重新出示',
  MEMBER_CODE_EXPIRED: '会员码已过期，请让顾客刷新',
  CONSENT_VERSION_OUTDATED: '隐私政策已更新，请重新阅读后加入',
  STORE_NOT_FOUND: '门店不存在',
  STAFF_NOT_FOUND: '未找到该员工',
  STAFF_CREDENTIALS_INVALID: '用户名或密码错误',
  STAFF_LOCKED: '密码错误次数过多，账号已暂时锁定',
  STAFF_PASSWORD_WEAK: '新密码太简单，请至少 10 位并混合字母和数字',
  STAFF_PASSWORD_CHANGE_REQUIRED: '请先修改初始密码',
  USERNAME_TAKEN: '该用户名已被占用',
  POINTS_INSUFFICIENT: '积分不足',
  PURCHASE_NOT_FOUND: '未找到该笔消费',
  REFUND_EXCEEDS_PURCHASE: '退款金额超过可退金额',
  TIER_NOT_FOUND: '会员等级不存在',
  CHECKIN_MAKEUP_NOT_ALLOWED: '该日期不能补签',
  REWARD_NOT_FOUND: '该礼品不存在或已下架',
  REWARD_SOLD_OUT: '该礼品已兑完',
  REWARD_NOT_AVAILABLE: '该礼品当前不可兑换',
  REWARD_LIMIT_REACHED: '您已达到该礼品的兑换上限',
  COUPON_NOT_FOUND: '未找到该券',
  COUPON_ALREADY_USED: '该券已核销',
  COUPON_EXPIRED: '该券已过期',
  COUPON_NOT_YET_VALID: '该券尚未生效',
  COUPON_WRONG_STORE: '该券不能在本门店使用',
  COUPON_NOT_USED: '该券未核销或已撤销',
  VERIFICATION_UNDO_WINDOW_PASSED: '已超过可撤销时间，无法撤销',
  COUPON_SOLD_OUT: '券已发完',
  COUPON_LIMIT_REACHED: '已达到领取上限',
  COUPON_NOT_ISSUABLE: '该券当前不能发放',
  TAG_NOT_FOUND: '未找到该标签',
  TAG_NAME_TAKEN: '该标签名已被占用',
  SEGMENT_NOT_FOUND: '未找到该人群',
  MESSAGE_TEMPLATE_NOT_FOUND: '该消息通知暂不可订阅，请稍后再试',
  MESSAGE_TEMPLATE_TAKEN: '该消息模板已登记',
  WECHAT_PUSH_REJECTED: '微信消息推送校验未通过',
  CARE_TASK_NOT_FOUND: '未找到该关怀任务',
  CARE_TASK_CLOSED: '该任务已完成或已过期',
  AUTOMATION_NOT_FOUND: '未找到该自动化',
  TRANSFER_NOT_FOUND: '未找到该任务',
  TRANSFER_NOT_READY: '任务尚未完成',
  IMPORT_FILE_INVALID: '文件无法读取',
  IMPORT_FILE_TOO_LARGE: '文件过大',
  IMPORT_HAS_REJECTED_ROWS: '有未通过校验的行',
}

/** Field names the forms send, as people call them. */
const fieldNames: Record<string, string> = {
  amountCents: '金额',
  orderNo: '订单号',
  memberCode: '会员码',
  cardNo: '卡号',
  code: '券码',
  phone: '手机号',
  username: '用户名',
  password: '密码',
  newPassword: '新密码',
  nickname: '昵称',
  reason: '原因',
  delta: '积分数',
  pointsPrice: '所需积分',
  stock: '库存',
  perMemberLimit: '每人限兑',
  title: '名称',
  discountPercent: '折扣',
  pointsMultiplier: '积分倍数',
  birthdayBonusPoints: '生日积分',
  entryGrowth: '升级成长值',
  retainGrowth: '保级成长值',
  cardColor: '卡面颜色',
  pointsPerYuan: '每元积分',
  welcomePoints: '入会积分',
  growthPerYuan: '每元成长值',
  minSpendCents: '最低消费',
  name: '名称',
  rank: '等级顺序',
  months: '月数',
  days: '天数',
}

/** class-validator's English constraints, in the order they are tried; the number they carry is kept. */
const problems: Array<[RegExp, (n: string) => string]> = [
  [/must not be greater than (-?[\d.]+)/, (n) => `不能大于 ${n}`],
  [/must not be less than (-?[\d.]+)/, (n) => `不能小于 ${n}`],
  [/must be (?:longer than or equal to|at least) (\d+) characters/, (n) => `至少 ${n} 个字`],
  [/must be (?:shorter than or equal to|at most) (\d+) characters/, (n) => `最多 ${n} 个字`],
  [/should not be empty|must not be empty|is required/, () => '不能为空'],
  [/must be an integer/, () => '必须是整数'],
  [/must be a (?:number|positive number)/, () => '必须是数字'],
  [/must be a boolean/, () => '必须是“是”或“否”'],
  [/must be one of|must be a valid enum/, () => '不在可选范围内'],
  [/should not exist/, () => '不应填写'],
]

function fieldLabel(field: string): string {
  const last = field.split('.').pop() ?? field
  return fieldNames[last] ?? '输入'
}

function problemText(problem: string): string {
  for (const [pattern, words] of problems) {
    const match = pattern.exec(problem)
    if (match) return words(match[1] ?? '')
  }
  return '格式不正确'
}

function isFieldErrors(details: unknown): details is FieldError[] {
  return Array.isArray(details) && details.every((d) => typeof d === 'object' && d !== null && typeof (d as FieldError).field === 'string' && Array.isArray((d as FieldError).problems))
}

function lockedUntilText(details: unknown): string | null {
  const until = (details as { lockedUntil?: unknown } | null)?.lockedUntil
  if (typeof until !== 'string' || Number.isNaN(Date.parse(until))) return null
  const at = new Date(until)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}

/** What a person reads when something failed: always Chinese, never a code or a server message. */
export function errorMessage(error: unknown): string {
  if (!isApiError(error)) return '出错了，请稍后再试'
  if (error.code === 'VALIDATION_FAILED' && isFieldErrors(error.details) && error.details.length > 0) {
    return error.details.map((f) => `${fieldLabel(f.field)}${problemText(f.problems[0] ?? '')}`).join('；')
  }
  if (error.code === 'STAFF_LOCKED') {
    const at = lockedUntilText(error.details)
    if (at) return `密码错误次数过多，账号已锁定至 ${at}，届时可再试或请总部重置密码`
  }
  if (error.code === 'POINTS_INSUFFICIENT') {
    const balance = (error.details as { balance?: unknown } | null)?.balance
    if (typeof balance === 'number') return `积分不足，当前余额 ${balance} 积分`
  }
  return messages[error.code]
}
