import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Clock } from '../common/time/clock';
import {
  AccessTokenCache,
  AccessTokenStore,
  DatabaseAccessTokenStore,
  FetchedAccessToken,
  MemoryAccessTokenStore,
  RedisAccessTokenStore,
} from './access-token-cache';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET } from './sandbox/sandbox-credentials';
import { LocalSendRateLimiter, RedisSendRateLimiter, SendRateLimiter } from './send-rate-limiter';
import { shapeSubscribeData, SubscribeFieldType } from './subscribe-message-fields';
import { wechatBaseUrl } from './wechat-base-url';
import { WechatTokensRepository } from './wechat-tokens.repository';
import { WechatHttpClient, WechatHttpResponse } from './wechat-http';
import {
  WechatAccessTokenRejectedError,
  WechatApi,
  WechatBusyError,
  WechatError,
  wechatErrorFrom,
  WechatUnreachableError,
} from './wechat.errors';

export interface WechatSession {
  openid: string;
  unionid: string | null;
  /** Server-side only: never sent to the client. */
  sessionKey: string;
}

export interface WechatPhoneNumber {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface UnlimitedQrCodeRequest {
  /** At most 32 chars of [0-9A-Za-z] and !#$&'()*+,/:;=?@-._~ — the page reads it from query.scene. */
  scene: string;
  /** No leading slash, no query, e.g. "pages/join/index". */
  page: string;
  width?: number;
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
}

export interface SubscribeMessage {
  toOpenid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }> | Record<string, string>;
  /** Types for keys that do not carry theirs in their name (thing1 does). */
  fieldTypes?: Record<string, SubscribeFieldType>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface WechatTemplateListing {
  id: string;
  title: string;
  /** One line per field: "变动原因:{{thing1.DATA}}". */
  content: string;
  /** 2 one-time, 3 long-term. */
  type: number;
}

export interface TextCheck {
  /** Must have used the app within the last 2 hours. */
  openid: string;
  content: string;
  /** 1 profile, 2 comment, 3 forum post, 4 social log. */
  scene: 1 | 2 | 3 | 4;
}

export interface TextCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

export interface WechatGatewayTiming {
  timeoutMs: number;
  qrCodeTimeoutMs: number;
  /**
   * subscribeMessage.send waits longer than other calls: a send whose answer is lost is recorded as
   * unknown and never sent again, so giving up early on a slow (or busy) answer loses a message that
   * went out. Half the campaigns sweep's 60 s, after which an unrecorded claim is judged by the sweep.
   */
  sendTimeoutMs: number;
  /** Attempts in all, for a transient failure of a call that is safe to repeat. */
  attempts: number;
  retryBaseDelayMs: number;
}

const DEFAULT_TIMING: WechatGatewayTiming = { timeoutMs: 5_000, qrCodeTimeoutMs: 10_000, sendTimeoutMs: 30_000, attempts: 3, retryBaseDelayMs: 200 };

/**
 * When a failed call may be made again: `always` for reads and for calls whose repeat is harmless,
 * `unsent` when a repeat could act twice (a second message, a second force refresh), so only a
 * request that certainly never reached WeChat is repeated.
 */
type Repeatable = 'always' | 'unsent';

interface WechatRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  repeatable: Repeatable;
  timeoutMs?: number;
}

type WechatJson = { errcode?: number; errmsg?: string } & Record<string, unknown>;

type WechatAnswer = { json: WechatJson; image?: undefined } | { image: Buffer; json?: undefined };

export interface WechatGatewayDependencies {
  config: AppConfig;
  clock: Clock;
  dataSource: DataSource;
  redis: IORedis | null;
  /** Redis keys for the token, its lock and the send pace start with this. */
  keyPrefix?: string;
  timing?: Partial<WechatGatewayTiming>;
}

/** Wires a gateway the way the app does; tests use it to stand up a second instance. */
export function createWechatGateway(deps: WechatGatewayDependencies): WechatGateway {
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const rate = deps.config.wechat.sendRatePerSecond;
  const appId = deps.config.wechat.appId;
  // Without credentials the token comes from this server's own sandbox, so it stays in this process.
  if (!appId) return new WechatGateway(deps.config, deps.clock, new MemoryAccessTokenStore(), new LocalSendRateLimiter(rate), timing);
  const keyPrefix = deps.keyPrefix ?? 'huiyuan:wechat:';
  if (deps.redis) {
    const tokenStore = new RedisAccessTokenStore(deps.redis, keyPrefix, deps.clock);
    return new WechatGateway(deps.config, deps.clock, tokenStore, new RedisSendRateLimiter(deps.redis, `${keyPrefix}send-pace:${appId}`, rate), timing);
  }
  // Without Redis each instance paces itself: the documented set-up for several instances includes Redis.
  return new WechatGateway(deps.config, deps.clock, new DatabaseAccessTokenStore(new WechatTokensRepository(deps.dataSource), deps.clock), new LocalSendRateLimiter(rate), timing);
}

/** The one place that talks to WeChat (or, without credentials, to the sandbox that stands in for it). */
export class WechatGateway implements OnApplicationShutdown {
  private readonly http = new WechatHttpClient();
  private readonly tokens: AccessTokenCache;
  private readonly logger = new Logger('WechatGateway');
  /** The app this server talks as (the sandbox's without credentials): message templates are registered per app. */
  readonly appId: string;
  private readonly secret: string;

  constructor(
    private readonly config: AppConfig,
    clock: Clock,
    tokenStore: AccessTokenStore,
    private readonly sendLimiter: SendRateLimiter,
    private readonly timing: WechatGatewayTiming,
  ) {
    this.appId = config.wechat.appId ?? SANDBOX_APP_ID;
    this.secret = config.wechat.secret ?? SANDBOX_APP_SECRET;
    this.tokens = new AccessTokenCache(this.appId, tokenStore, clock, (force) => this.fetchStableToken(force));
  }

  /** https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html */
  async code2Session(code: string): Promise<WechatSession> {
    const answer = await this.callJson('code2Session', {
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid: this.appId, secret: this.secret, js_code: code, grant_type: 'authorization_code' },
      // A code works once: a repeat after a lost answer gets 40163, which sends the client for a new code as any failure would.
      repeatable: 'always',
    });
    if (typeof answer.openid !== 'string' || typeof answer.session_key !== 'string') {
      throw new WechatError('code2Session', null, 'answered without openid and session_key');
    }
    return { openid: answer.openid, unionid: typeof answer.unionid === 'string' ? answer.unionid : null, sessionKey: answer.session_key };
  }

  /** https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html */
  async getPhoneNumber(code: string): Promise<WechatPhoneNumber> {
    const answer = await this.withAccessToken((token) =>
      this.callJson('getPhoneNumber', {
        method: 'POST',
        path: '/wxa/business/getuserphonenumber',
        query: { access_token: token },
        body: { code },
        repeatable: 'always',
      }),
    );
    const info = answer.phone_info as WechatPhoneNumber;
    return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: info.countryCode };
  }

  /** Which app and build the codes made now open: a stored code made for another one must be made again. */
  qrCodeOrigin(): string {
    return `${this.appId}/${this.config.wechat.qrEnvVersion}`;
  }

  /** The PNG of a mini-program code. https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html */
  async getUnlimitedQrCode(request: UnlimitedQrCodeRequest): Promise<Buffer> {
    const answer = await this.withAccessToken((token) =>
      this.call('getUnlimitedQrCode', {
        method: 'POST',
        path: '/wxa/getwxacodeunlimit',
        query: { access_token: token },
        body: {
          scene: request.scene,
          page: request.page,
          width: request.width ?? 430,
          check_path: request.checkPath ?? this.config.wechat.qrCheckPath,
          env_version: request.envVersion ?? this.config.wechat.qrEnvVersion,
        },
        repeatable: 'always',
        timeoutMs: this.timing.qrCodeTimeoutMs,
      }),
    );
    if (!answer.image) throw new WechatError('getUnlimitedQrCode', null, 'answered JSON without an errcode instead of an image');
    return answer.image;
  }

  /**
   * Sends one subscribe message, consuming one of the member's accepts. Values are shaped first
   * (see subscribe-message-fields.ts); sends are paced globally. Never repeated once it may have
   * reached WeChat, so a member is not messaged twice: the caller's delivery record decides.
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<{ msgid: string }> {
    const data = shapeSubscribeData(message.data, message.fieldTypes);
    return this.withAccessToken(async (token) => {
      await this.sendLimiter.acquire();
      const answer = await this.callJson('sendSubscribeMessage', {
        method: 'POST',
        path: '/cgi-bin/message/subscribe/send',
        query: { access_token: token },
        body: {
          touser: message.toOpenid,
          template_id: message.templateId,
          ...(message.page ? { page: message.page } : {}),
          data,
          miniprogram_state: message.miniprogramState ?? 'formal',
          lang: 'zh_CN',
        },
        repeatable: 'unsent',
        timeoutMs: this.timing.sendTimeoutMs,
      });
      // The MsgID is what WeChat's subscribe_msg_sent_event names the send by; kept as text (it exceeds 2^53 in the wild).
      return { msgid: String(answer.msgid ?? '') };
    });
  }

  /**
   * The subscribe-message templates the app has added from WeChat's library (one-time ones are type 2).
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getTemplateList.html
   */
  async listTemplates(): Promise<WechatTemplateListing[]> {
    const answer = await this.withAccessToken((token) =>
      this.callJson('listTemplates', { method: 'GET', path: '/wxaapi/newtmpl/gettemplate', query: { access_token: token }, repeatable: 'always' }),
    );
    const data = Array.isArray(answer.data) ? (answer.data as Array<Record<string, unknown>>) : [];
    return data.map((t) => ({ id: String(t.priTmplId), title: String(t.title), content: String(t.content ?? ''), type: Number(t.type) }));
  }

  /** Decide on `suggest`, not on errcode. https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html */
  async checkText(check: TextCheck): Promise<TextCheckResult> {
    const answer = await this.withAccessToken((token) =>
      this.callJson('checkText', {
        method: 'POST',
        path: '/wxa/msg_sec_check',
        query: { access_token: token },
        body: { version: 2, openid: check.openid, scene: check.scene, content: check.content },
        repeatable: 'always',
      }),
    );
    const result = answer.result as TextCheckResult;
    return { suggest: result.suggest, label: Number(result.label) };
  }

  onApplicationShutdown(): void {
    this.http.close();
  }

  /** https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html */
  private async fetchStableToken(forceRefresh: boolean): Promise<FetchedAccessToken> {
    const answer = await this.callJson('stableToken', {
      method: 'POST',
      path: '/cgi-bin/stable_token',
      body: { grant_type: 'client_credential', appid: this.appId, secret: this.secret, force_refresh: forceRefresh },
      // A repeated force refresh would waste one of the day's 20 and invalidate the token again.
      repeatable: forceRefresh ? 'unsent' : 'always',
    });
    return { token: String(answer.access_token), expiresInSeconds: Number(answer.expires_in) };
  }

  /** On 40001/42001/40014 the token is replaced once and the call made once more: the rejected request did nothing. */
  private async withAccessToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.current();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof WechatAccessTokenRejectedError)) throw error;
      return call(await this.tokens.replace(token));
    }
  }

  private async callJson(api: WechatApi, request: WechatRequest): Promise<WechatJson> {
    const answer = await this.call(api, request);
    if (!answer.json) throw new WechatError(api, null, 'answered an image where JSON was expected');
    return answer.json;
  }

  /** One logical call: transient failures are retried with backoff when the request allows it. */
  private async call(api: WechatApi, request: WechatRequest): Promise<WechatAnswer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(api, request);
      } catch (error) {
        if (attempt >= this.timing.attempts || !isRepeatable(error, request.repeatable)) throw error;
        const delayMs = this.timing.retryBaseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
        this.logger.warn(`WeChat ${api} attempt ${attempt} failed (${(error as Error).message}); retrying in ${Math.round(delayMs)} ms`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private async attempt(api: WechatApi, request: WechatRequest): Promise<WechatAnswer> {
    const url = new URL(`${wechatBaseUrl(this.config).replace(/\/$/, '')}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const response = await this.http.request(api, request.method, url, request.body, request.timeoutMs ?? this.timing.timeoutMs);
    if (response.status >= 500) throw new WechatUnreachableError(api, `HTTP ${response.status}`, true);
    // Errors come back as JSON even from the endpoints whose success is an image.
    if (!isJson(response)) return { image: response.body };
    const json = parseJson(api, response);
    if (json.errcode) throw wechatErrorFrom(api, json.errcode, json.errmsg ?? '');
    return { json };
  }
}

function isRepeatable(error: unknown, repeatable: Repeatable): boolean {
  if (error instanceof WechatUnreachableError) return repeatable === 'always' || !error.mayHaveReachedWechat;
  return error instanceof WechatBusyError && repeatable === 'always';
}

function isJson(response: WechatHttpResponse): boolean {
  return response.contentType.includes('json') || response.contentType.startsWith('text/') || response.body[0] === 0x7b;
}

function parseJson(api: WechatApi, response: WechatHttpResponse): WechatJson {
  try {
    return JSON.parse(response.body.toString('utf8')) as WechatJson;
  } catch {
    throw new WechatUnreachableError(api, `HTTP ${response.status} answered ${response.contentType || 'no content type'} that is not JSON`, true);
  }
}
