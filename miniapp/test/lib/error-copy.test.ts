import { ErrorCode } from '@huiyuan/shared-types'
import { ApiError, type ClientErrorCode } from '../../src/api/client'
import { errorMessage } from '../../src/constants/error-copy'
import { phoneOutcome, phoneOutcomeText } from '../../src/components/PhoneButton'

const latin = /[A-Za-z]{3,}/

describe('errorMessage', () => {
  it.each([...Object.values(ErrorCode), 'NETWORK_ERROR', 'UNEXPECTED_RESPONSE'] as ClientErrorCode[])('says %s in Chinese, without the English server message', (code) => {
    const text = errorMessage(new ApiError(400, code, 'Some English explanation from the server'))
    expect(text).not.toMatch(latin)
    expect(text.length).toBeGreaterThan(2)
  })

  it.each([
    [{ field: 'benefits.discountPercent', problems: ['discountPercent must not be greater than 100'] }, '折扣不能大于 100'],
    [{ field: 'amountCents', problems: ['amountCents must not be less than 1'] }, '金额不能小于 1'],
    [{ field: 'reason', problems: ['reason must be longer than or equal to 2 characters'] }, '原因至少 2 个字'],
    [{ field: 'orderNo', problems: ['orderNo must be 1–64 letters, digits, _ or -'] }, '订单号格式不正确'],
    [{ field: 'somethingNew', problems: ['somethingNew should not be empty'] }, '输入不能为空'],
  ])('turns the class-validator message of %j into %s', (field, expected) => {
    expect(errorMessage(new ApiError(400, 'VALIDATION_FAILED', 'Invalid request', [field]))).toBe(expected)
  })

  it('gives the unlock time of a locked staff account, and the balance when points fall short', () => {
    const until = new Date(2026, 0, 1, 14, 5).toISOString()
    expect(errorMessage(new ApiError(423, 'STAFF_LOCKED', 'Too many failed logins', { lockedUntil: until }))).toContain('锁定至 14:05')
    expect(errorMessage(new ApiError(409, 'POINTS_INSUFFICIENT', 'Not enough points', { needed: 500, balance: 120 }))).toBe('积分不足，当前余额 120 积分')
  })

  it('never shows what a non-API failure said', () => {
    expect(errorMessage(new Error('request:fail timeout'))).toBe('出错了，请稍后再试')
  })
})

describe('getPhoneNumber outcomes', () => {
  it.each([
    [{ errMsg: 'getPhoneNumber:ok', code: 'abc' }, { kind: 'code', code: 'abc' }],
    [{ errMsg: 'getPhoneNumber:fail user deny' }, { kind: 'refused' }],
    [{ errMsg: 'getPhoneNumber:fail:cancel to confirm login' }, { kind: 'refused' }],
    [{ errMsg: 'getPhoneNumber:fail no permission', errno: 1400001 }, { kind: 'unavailable' }],
  ])('%j → %j', (detail, outcome) => {
    expect(phoneOutcome(detail)).toEqual(outcome)
  })

  it('says the refused and unavailable cases in Chinese, pointing to 我的', () => {
    expect(phoneOutcomeText({ kind: 'refused' })).toContain('我的')
    expect(phoneOutcomeText({ kind: 'unavailable' })).toContain('暂时无法获取')
    expect(phoneOutcomeText({ kind: 'code', code: 'x' })).toBeNull()
  })
})
