import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';
import {
  WechatAccessTokenRejectedError,
  WechatBadFieldError,
  WechatBusyError,
  WechatCodeInvalidError,
  WechatDailyLimitError,
  WechatError,
  wechatErrorFrom,
  WechatInvalidOpenidError,
  WechatPageInvalidError,
  WechatQuotaExhaustedError,
  WechatRateLimitedError,
  WechatTemplateInvalidError,
  WechatUnreachableError,
} from './wechat.errors';

describe('wechatErrorFrom', () => {
  it.each([
    [-1, WechatBusyError, true],
    [40001, WechatAccessTokenRejectedError, false],
    [40014, WechatAccessTokenRejectedError, false],
    [42001, WechatAccessTokenRejectedError, false],
    [40029, WechatCodeInvalidError, false],
    [40163, WechatCodeInvalidError, false],
    [43101, WechatQuotaExhaustedError, false],
    [40003, WechatInvalidOpenidError, false],
    [40037, WechatTemplateInvalidError, false],
    [41030, WechatPageInvalidError, false],
    [47003, WechatBadFieldError, false],
    [40169, WechatBadFieldError, false],
    [45011, WechatRateLimitedError, true],
    [45009, WechatDailyLimitError, true],
    [40226, WechatError, false],
  ])('%i → %p (transient: %p)', (errcode, type, transient) => {
    const error = wechatErrorFrom('sendSubscribeMessage', errcode, 'msg');
    expect(error).toBeInstanceOf(type);
    expect(error.constructor).toBe(type);
    expect(error.errcode).toBe(errcode);
    expect(error.transient).toBe(transient);
  });

  it('a daily limit is a kind of rate limit, so a caller catching rate limits sees both', () => {
    expect(wechatErrorFrom('sendSubscribeMessage', 45009, 'reach max api daily quota limit')).toBeInstanceOf(WechatRateLimitedError);
  });

  it.each([
    ['argument invalid! data.thing1.value invalid rid: 1-2', 'thing1'],
    ['argument invalid! data.character_string5.value is empty rid: 1-2', 'character_string5'],
    ['argument invalid! miniprogram_state invalid', null],
  ])('47003 %j names field %p', (errmsg, field) => {
    expect((wechatErrorFrom('sendSubscribeMessage', 47003, errmsg) as WechatBadFieldError).field).toBe(field);
  });

  it('answers the HTTP layer: a bad code is 400-worthy, everything else means WeChat is unavailable', () => {
    const invalid = wechatErrorFrom('code2Session', 40029, 'invalid code');
    expect(invalid).toBeInstanceOf(AppError);
    expect(invalid.code).toBe(ErrorCode.WECHAT_CODE_INVALID);
    expect(wechatErrorFrom('getUnlimitedQrCode', 45009, 'limit').code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
    expect(new WechatUnreachableError('checkText', 'timed out', true).code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
  });
});
