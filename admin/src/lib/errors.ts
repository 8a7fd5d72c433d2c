import { useEffect } from 'react'
import type { FormInstance } from 'antd'
import { isApiError, type ClientErrorCode } from '../api/client'

/** What a person reads for each error code; no English and no raw code reaches the screen. */
const messages: Partial<Record<ClientErrorCode, string>> = {
  VALIDATION_FAILED: '提交的内容有误，请检查标红的字段',
  MALFORMED_REQUEST: '请求格式有误',
  NOT_FOUND: '记录不存在',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '当前账号没有权限执行此操作',
  CONFLICT: '与已有记录冲突（编码或名称已被使用）',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂不可用，请稍后再试',
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  MEMBER_NOT_FOUND: '未找到该会员',
  MEMBER_CODE_INVALID: '会员码无效',
  MEMBER_CODE_EXPIRED: '会员码已过期，请让会员刷新',
  STORE_NOT_FOUND: '门店不存在',
  STAFF_NOT_FOUND: '员工不存在',
  STAFF_CREDENTIALS_INVALID: '用户名或密码错误',
  STAFF_LOCKED: '密码错误次数过多，账号已临时锁定，请稍后再试或联系总部重置密码',
  STAFF_PASSWORD_WEAK: '密码太弱：至少 10 位、5 个不同字符，包含字母、数字、符号中的至少两种，不能包含用户名',
  STAFF_PASSWORD_CHANGE_REQUIRED: '请先修改一次性密码',
  USERNAME_TAKEN: '用户名已被占用',
  POINTS_INSUFFICIENT: '会员积分不足',
  TIER_NOT_FOUND: '等级不存在',
  REWARD_NOT_FOUND: '商品不存在',
  COUPON_NOT_FOUND: '券不存在',
  COUPON_NOT_USED: '该券未被核销',
  VERIFICATION_UNDO_WINDOW_PASSED: '已超过可撤销时限',
  COUPON_SOLD_OUT: '券已发完',
  COUPON_LIMIT_REACHED: '该会员已达领取上限',
  COUPON_NOT_ISSUABLE: '该券模板当前不可发放',
  TAG_NOT_FOUND: '标签不存在',
  TAG_NAME_TAKEN: '已有同名标签',
  SEGMENT_NOT_FOUND: '分群不存在',
  MESSAGE_TEMPLATE_NOT_FOUND: '消息模板不存在',
  MESSAGE_TEMPLATE_TAKEN: '该模板 ID 或代码已登记',
  WECHAT_PUSH_REJECTED: '微信消息推送校验未通过',
  CARE_TASK_NOT_FOUND: '关怀任务不存在',
  CARE_TASK_CLOSED: '该任务已完成或已过期',
  AUTOMATION_NOT_FOUND: '自动化不存在',
  TRANSFER_NOT_FOUND: '导出或导入任务不存在（文件可能已过期清理）',
  TRANSFER_NOT_READY: '任务尚未完成，请稍候',
  IMPORT_FILE_INVALID: '文件无法读取，请上传 .xlsx 或 .csv 文件',
  IMPORT_FILE_TOO_LARGE: '文件过大（上限 20 MB），请拆分后分批导入',
  IMPORT_HAS_REJECTED_ROWS: '有未通过校验的行，请修正文件后重新上传',
}

export function errorText(error: unknown): string {
  if (isApiError(error)) return messages[error.code] ?? '操作失败，请稍后重试'
  return '操作失败，请稍后重试'
}

/**
 * Puts the server's VALIDATION_FAILED field problems next to their inputs (dotted names such as
 * `benefits.discountPercent` become form paths) and focuses the first. Returns whether any applied.
 */
export function applyServerErrors(form: FormInstance, error: unknown, fieldMap: Record<string, (string | number)[]> = {}): boolean {
  if (!isApiError(error)) return false
  const known = new Set(Object.keys(form.getFieldsValue(true) as object))
  const fields = error
    .fieldErrors()
    .map((e) => ({ name: fieldMap[e.field] ?? e.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: ['服务器校验未通过：' + e.problems.join('；')] }))
    .filter((f) => known.has(String(f.name[0])))
  if (fields.length === 0) return false
  form.setFields(fields)
  form.scrollToField(fields[0]!.name, { focus: true })
  return true
}

/** Shows a failed save's field problems on the form that sent it. */
export function useServerErrors(form: FormInstance, error: unknown, fieldMap?: Record<string, (string | number)[]>): void {
  useEffect(() => {
    if (error) applyServerErrors(form, error, fieldMap)
  }, [form, error])
}
