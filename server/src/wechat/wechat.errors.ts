import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

/** The WeChat APIs the gateway calls, named in errors so a log line says which call failed. */
/** WeChat's calls we make, and (messagePush) the sandbox's push to our message-push URL, made as WeChat makes it. */
export type WechatApi = 'code2Session' | 'stableToken' | 'getPhoneNumber' | 'getUnlimitedQrCode' | 'sendSubscribeMessage' | 'checkText' | 'listTemplates' | 'messagePush';

/**
 * Every failure of a WeChat call. It is an AppError so that one escaping to the HTTP layer still
 * answers with the envelope: a bad user code is the client's fault (400), anything else means the
 * WeChat-backed feature is unavailable for now (503). Callers that can act on a failure catch a
 * subclass instead.
 */
export class WechatError extends AppError {
  constructor(
    readonly api: WechatApi,
    /** WeChat's errcode, or null when WeChat never answered (timeout, dropped connection, 5xx). */
    readonly errcode: number | null,
    readonly errmsg: string,
    code: ErrorCode = ErrorCode.WECHAT_UNAVAILABLE,
  ) {
    super(code, `WeChat ${api} failed: ${errcode ?? 'no answer'} ${errmsg}`, { errcode });
    this.name = new.target.name;
  }

  /** WeChat's own text and the addresses we reach it at stay in the logs. */
  override get clientMessage(): string {
    return this.code === ErrorCode.WECHAT_CODE_INVALID ? 'The WeChat code is invalid or was already used; call wx.login (or get the phone number) again' : 'WeChat is not answering right now; try again shortly';
  }

  /** Worth trying again later: WeChat was busy, unreachable or rate limiting. */
  get transient(): boolean {
    return false;
  }
}

/** -1 "system error": WeChat asks to retry later. */
export class WechatBusyError extends WechatError {
  override get transient(): boolean {
    return true;
  }
}

/** WeChat did not answer: connection refused or dropped, timeout, or an HTTP 5xx from its edge. */
export class WechatUnreachableError extends WechatBusyError {
  constructor(
    api: WechatApi,
    reason: string,
    /** False when the request certainly never reached WeChat, so even a non-idempotent call may be repeated. */
    readonly mayHaveReachedWechat: boolean,
  ) {
    super(api, null, reason);
  }
}

/** 40001 / 42001 / 40014: the access token was rejected; the gateway refreshes once before this reaches a caller. */
export class WechatAccessTokenRejectedError extends WechatError {}

/** 40029 / 40163 / 41008: a wx.login or phone-number code that is unknown, used or expired. The client should get a new one. */
export class WechatCodeInvalidError extends WechatError {
  constructor(api: WechatApi, errcode: number, errmsg: string) {
    super(api, errcode, errmsg, ErrorCode.WECHAT_CODE_INVALID);
  }
}

/** 43101: the member has no one-time subscription left for this template (never accepted, or already used). */
export class WechatQuotaExhaustedError extends WechatError {}

/** 40003: the openid is not a user of this app. */
export class WechatInvalidOpenidError extends WechatError {}

/** 40037: the template id is not one of the app's templates. */
export class WechatTemplateInvalidError extends WechatError {}

/** 41030: the page does not exist in the published app. */
export class WechatPageInvalidError extends WechatError {}

/**
 * 47003 (a template field) or 40169 (a QR scene): the value broke WeChat's rules. Also thrown
 * before sending when our own shaping finds a value it cannot make valid, so nothing is sent.
 */
export class WechatBadFieldError extends WechatError {
  constructor(
    api: WechatApi,
    errcode: number,
    errmsg: string,
    /** The offending field, e.g. "thing1" or "scene", when WeChat's message names it. */
    readonly field: string | null,
  ) {
    super(api, errcode, errmsg);
  }
}

/** 45011 "api minute-quota reach limit": slow down and retry in the next minute. */
export class WechatRateLimitedError extends WechatError {
  override get transient(): boolean {
    return true;
  }
}

/** 45009 "reach max api daily quota limit": a rate limit that lasts until WeChat's day rolls over. */
export class WechatDailyLimitError extends WechatRateLimitedError {}

const FIELD_IN_ERRMSG = /data\.([a-z_]+\d+)(?:\.value)?/;

/** Turns WeChat's {errcode, errmsg} into the error class a caller can act on. */
export function wechatErrorFrom(api: WechatApi, errcode: number, errmsg: string): WechatError {
  switch (errcode) {
    case -1:
      return new WechatBusyError(api, errcode, errmsg);
    case 40001:
    case 40014:
    case 42001:
      return new WechatAccessTokenRejectedError(api, errcode, errmsg);
    case 40029:
    case 40163:
    case 41008:
      return new WechatCodeInvalidError(api, errcode, errmsg);
    case 43101:
      return new WechatQuotaExhaustedError(api, errcode, errmsg);
    case 40003:
      return new WechatInvalidOpenidError(api, errcode, errmsg);
    case 40037:
      return new WechatTemplateInvalidError(api, errcode, errmsg);
    case 41030:
      return new WechatPageInvalidError(api, errcode, errmsg);
    case 47003:
      return new WechatBadFieldError(api, errcode, errmsg, FIELD_IN_ERRMSG.exec(errmsg)?.[1] ?? null);
    case 40169:
      return new WechatBadFieldError(api, errcode, errmsg, 'scene');
    case 45009:
      return new WechatDailyLimitError(api, errcode, errmsg);
    case 45011:
      return new WechatRateLimitedError(api, errcode, errmsg);
    default:
      return new WechatError(api, errcode, errmsg);
  }
}
