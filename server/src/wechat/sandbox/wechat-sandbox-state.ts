import { createHash, randomBytes, randomInt } from 'node:crypto';
import { MINIAPP_PAGES } from '@huiyuan/shared-types';
import { Clock } from '../../common/time/clock';
import { fieldTypeOfKey, fieldValueProblem } from '../subscribe-message-fields';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET } from './sandbox-credentials';
import { SandboxPusher, SandboxPushTarget } from './sandbox-push';
import { SANDBOX_TEMPLATES, SandboxTemplate } from './sandbox-templates';

export interface WechatSandboxOptions {
  appId?: string;
  secret?: string;
  clock?: Clock;
  /** Origin of the H5 app that the sandbox's QR codes open, e.g. http://127.0.0.1:3000. */
  h5BaseUrl?: () => string;
  /** Whether code2Session answers a unionid, as it does for apps bound to an Open Platform account. */
  issueUnionids?: boolean;
  templates?: readonly SandboxTemplate[];
  /** The app's pages, as a released build has them: getwxacodeunlimit with check_path answers 41030 for any other. */
  pages?: readonly string[];
  /** The server's message-push URL: accepts, settings changes and send results are pushed there as WeChat pushes them. */
  push?: SandboxPushTarget;
}

/** What the member answers in the sandbox's stand-in for the subscribe pop-up. */
export type SandboxSubscribeChoice =
  /**
   * `push: false` keeps the answers to WeChat's side, as when no message-push URL was configured at
   * the time: accepts carried over from then are loaded into the ledger directly (bulk fixtures).
   */
  | { kind: 'answer'; answers: Record<string, 'accept' | 'reject'>; push?: boolean }
  /** requestSubscribeMessage's client errors: 20004 the member's main switch is off, 20005 the app is banned. */
  | { kind: 'error'; errCode: 20004 | 20005 };

export type SandboxSubscribeAnswer = 'accept' | 'reject' | 'filter' | 'ban';

/** WeChat's limit on template ids per requestSubscribeMessage call. */
const MAX_IDS_PER_CALL = 3;

export type WechatErrorBody = { errcode: number; errmsg: string };

export interface SandboxOutboxMessage {
  msgid: number;
  toOpenid: string;
  templateId: string;
  templateTitle: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  lang: string;
  receivedAt: string;
}

/** A misbehaviour tests ask for on one path: an errcode, an HTTP error, a dropped connection, latency or a rate limit. */
export interface SandboxFault {
  path: string;
  errcode?: number;
  errmsg?: string;
  httpStatus?: number;
  drop?: boolean;
  latencyMs?: number;
  /** Requests beyond this many per second answer `errcode` (45009 unless given). */
  ratePerSecond?: number;
  /** How many requests it affects; until cleared when absent. */
  times?: number;
}

export type FaultEffect =
  | { kind: 'error'; body: WechatErrorBody }
  | { kind: 'http'; status: number }
  | { kind: 'drop' }
  | { kind: 'none' };

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40169: 'invalid length for scene, or the data is not json string',
  41001: 'access_token missing',
  41008: 'missing code',
  41030: 'invalid page',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
  61010: 'user has not visited the mini program in the last 2 hours',
};

/** WeChat's shape: errmsg ends with a request id support can look up. */
export function wechatErrorBody(errcode: number, errmsg?: string): WechatErrorBody {
  return { errcode, errmsg: `${errmsg ?? ERRMSG[errcode] ?? 'error'} rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}` };
}

/** Words the sandbox's content check flags, with WeChat's labels (10001 ads, 20006 crime, 21000 other). */
export const SANDBOX_FLAGGED_WORDS: Record<string, { suggest: 'review' | 'risky'; label: number }> = {
  赌博: { suggest: 'risky', label: 20006 },
  代开发票: { suggest: 'risky', label: 10001 },
  'sandbox-risky': { suggest: 'risky', label: 21000 },
  加微信: { suggest: 'review', label: 10001 },
  'sandbox-review': { suggest: 'review', label: 21000 },
};

const CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_SECONDS = 7200;
/** WeChat renews a token this long before it expires; the old one keeps working until its own expiry. */
const TOKEN_RENEW_EARLY_MS = 5 * 60_000;
const FORCE_REFRESH_PER_DAY = 20;
const FORCE_REFRESH_GAP_MS = 30_000;
/** msgSecCheck only accepts an openid that used the app this recently. */
const RECENT_VISIT_MS = 2 * 3600_000;
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

interface SandboxUser {
  unionid: string | null;
  /** When the user last opened the app (wx.login), which msgSecCheck asks about. */
  lastSeenAt: number;
  /** Template id → sends left; each accept in requestSubscribeMessage allows one. */
  quota: Map<string, number>;
}

type Result<T> = { ok: T } | { error: WechatErrorBody };

const fail = (errcode: number, errmsg?: string): { error: WechatErrorBody } => ({ error: wechatErrorBody(errcode, errmsg) });

/** Everything the sandbox remembers, in memory: it is a development stand-in, not a store of record. */
export class WechatSandboxState {
  readonly appId: string;
  readonly secret: string;
  readonly templates: readonly SandboxTemplate[];
  readonly outbox: SandboxOutboxMessage[] = [];
  private readonly clock: Clock;
  private readonly issueUnionids: boolean;
  readonly h5BaseUrl: () => string;
  private readonly users = new Map<string, SandboxUser>();
  private readonly loginCodes = new Map<string, { openid: string; expiresAt: number; used: boolean }>();
  private readonly phoneCodes = new Map<string, { purePhoneNumber: string; countryCode: string; expiresAt: number }>();
  /** Every token issued and not force-invalidated, so an old one can still be told apart (42001) from a made-up one (40001). */
  private readonly tokens = new Map<string, number>();
  private currentToken: { token: string; expiresAt: number } | null = null;
  /** The classic /cgi-bin/token is a separate token from stable_token's; each call replaces it. */
  private classicToken: string | null = null;
  private forceRefreshes: number[] = [];
  readonly pages: ReadonlySet<string>;
  private faults: Array<SandboxFault & { hits: number[] }> = [];
  private readonly calls = new Map<string, number>();
  readonly pusher: SandboxPusher;

  constructor(options: WechatSandboxOptions = {}) {
    this.appId = options.appId ?? SANDBOX_APP_ID;
    this.secret = options.secret ?? SANDBOX_APP_SECRET;
    this.clock = options.clock ?? new Clock();
    this.issueUnionids = options.issueUnionids ?? true;
    this.templates = options.templates ?? SANDBOX_TEMPLATES;
    this.h5BaseUrl = options.h5BaseUrl ?? (() => 'http://127.0.0.1');
    this.pages = new Set(options.pages ?? MINIAPP_PAGES);
    this.pusher = new SandboxPusher(options.push ?? null, this.appId);
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  /** How many requests a path has received, faulted ones included. */
  callCount(path: string): number {
    return this.calls.get(path) ?? 0;
  }

  /** The stand-in for wx.login: a code that code2Session exchanges once, within 5 minutes. */
  devLogin(openid?: string, unionid?: string): string {
    const id = openid ?? `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
    const user = this.users.get(id) ?? { unionid: null, lastSeenAt: 0, quota: new Map<string, number>() };
    user.lastSeenAt = this.now();
    user.unionid = unionid ?? user.unionid ?? (this.issueUnionids ? `u${createHash('sha256').update(id).digest('base64url').slice(0, 27)}` : null);
    this.users.set(id, user);
    const code = randomBytes(16).toString('hex');
    this.loginCodes.set(code, { openid: id, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * The stand-in for wx.requestSubscribeMessage and its pop-up: each accept allows one send of that
   * template. As in WeChat, more than 3 ids is 20003, an unknown id 20001, a repeated title comes
   * back `filter`; the answers are then pushed as subscribe_msg_popup_event.
   */
  devSubscribe(openid: string, templateIds: string[], choice: SandboxSubscribeChoice = { kind: 'answer', answers: {} }): Result<Record<string, SandboxSubscribeAnswer>> {
    const user = this.users.get(openid);
    if (!user) return fail(40003);
    if (templateIds.length > MAX_IDS_PER_CALL) return fail(20003, `requestSubscribeMessage:fail:templateId list exceeds the limit of ${MAX_IDS_PER_CALL}`);
    const unknown = templateIds.filter((id) => !this.templates.some((t) => t.id === id));
    if (unknown.length > 0) return fail(20001, `No template data return, verify the template id exist: ${unknown.join(',')}`);
    if (choice.kind === 'error') return fail(choice.errCode, choice.errCode === 20004 ? 'requestSubscribeMessage:fail:the main switch is switched off' : 'requestSubscribeMessage:fail:the app is banned');
    const result: Record<string, SandboxSubscribeAnswer> = {};
    const titles = new Set<string>();
    const popup: Array<{ TemplateId: string; SubscribeStatusString: 'accept' | 'reject'; PopupScene: string }> = [];
    for (const id of templateIds) {
      const title = this.templates.find((t) => t.id === id)!.title;
      if (titles.has(title)) {
        result[id] = 'filter';
        continue;
      }
      titles.add(title);
      // Unless told otherwise the member accepts, as the development pop-up's default button does.
      const answer = choice.answers[id] ?? 'accept';
      result[id] = answer;
      popup.push({ TemplateId: id, SubscribeStatusString: answer, PopupScene: '0' });
      if (answer === 'accept') user.quota.set(id, (user.quota.get(id) ?? 0) + 1);
    }
    if (popup.length > 0 && choice.push !== false) this.pusher.push(openid, 'subscribe_msg_popup_event', popup);
    return { ok: result };
  }

  /** The member turns a template off (or on) in WeChat's settings: off ends every send left, and WeChat pushes the change. */
  devChangeSetting(openid: string, templateId: string, status: 'accept' | 'reject'): Result<{ status: string }> {
    const user = this.users.get(openid);
    if (!user) return fail(40003);
    if (!this.templates.some((t) => t.id === templateId)) return fail(40037);
    if (status === 'reject') user.quota.set(templateId, 0);
    this.pusher.push(openid, 'subscribe_msg_change_event', [{ TemplateId: templateId, SubscribeStatusString: status }]);
    return { ok: { status } };
  }

  /** Sends of a template the sandbox would still accept for an openid (its own record, as WeChat's). */
  quotaOf(openid: string, templateId: string): number {
    return this.users.get(openid)?.quota.get(templateId) ?? 0;
  }

  /** The stand-in for the getPhoneNumber button's one-time code. */
  devPhoneCode(purePhoneNumber: string, countryCode: string): string {
    const code = randomBytes(16).toString('hex');
    this.phoneCodes.set(code, { purePhoneNumber, countryCode, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  addFault(fault: SandboxFault): void {
    this.faults.push({ ...fault, hits: [] });
  }

  clearFaults(): number {
    const count = this.faults.length;
    this.faults = [];
    return count;
  }

  /** Counts the request and decides how a fault, if any, bends it. Latency is added up and applied by the caller. */
  faultFor(path: string): { latencyMs: number; effect: FaultEffect } {
    this.calls.set(path, this.callCount(path) + 1);
    let latencyMs = 0;
    let effect: FaultEffect = { kind: 'none' };
    for (const fault of this.faults.filter((f) => f.path === path)) {
      const bends = fault.drop || fault.httpStatus !== undefined || fault.errcode !== undefined || fault.ratePerSecond !== undefined;
      // One effect per request: a later fault on the same path waits for its turn.
      if (bends && effect.kind !== 'none') continue;
      latencyMs += fault.latencyMs ?? 0;
      if (bends) effect = this.effectOf(fault);
      if (fault.times !== undefined) fault.times--;
    }
    this.faults = this.faults.filter((f) => f.times === undefined || f.times > 0);
    return { latencyMs, effect };
  }

  private effectOf(fault: SandboxFault & { hits: number[] }): FaultEffect {
    if (fault.ratePerSecond !== undefined) {
      const now = Date.now();
      fault.hits = fault.hits.filter((at) => at > now - 1000);
      fault.hits.push(now);
      return fault.hits.length > fault.ratePerSecond ? { kind: 'error', body: wechatErrorBody(fault.errcode ?? 45009, fault.errmsg) } : { kind: 'none' };
    }
    if (fault.drop) return { kind: 'drop' };
    if (fault.httpStatus) return { kind: 'http', status: fault.httpStatus };
    if (fault.errcode !== undefined) return { kind: 'error', body: wechatErrorBody(fault.errcode, fault.errmsg) };
    return { kind: 'none' };
  }

  code2Session(query: Record<string, string | undefined>): Result<{ openid: string; session_key: string; unionid?: string }> {
    if (query.appid !== this.appId) return fail(40013);
    if (query.secret !== this.secret) return fail(40125);
    if (query.grant_type !== 'authorization_code') return fail(40002);
    if (!query.js_code) return fail(41008);
    const issued = this.loginCodes.get(query.js_code);
    if (!issued || issued.expiresAt <= this.now()) return fail(40029);
    if (issued.used) return fail(40163);
    issued.used = true;
    this.forgetExpiredCodes();
    const unionid = this.users.get(issued.openid)?.unionid;
    return { ok: { openid: issued.openid, session_key: randomBytes(16).toString('base64'), ...(unionid ? { unionid } : {}) } };
  }

  /**
   * stable_token: the same token until 5 minutes before it expires, then a new one while the old keeps
   * working. force_refresh replaces it for everyone, at most 20 times a day and not twice within 30 s
   * (a second one inside 30 s returns the current token).
   */
  stableToken(body: { grant_type?: unknown; appid?: unknown; secret?: unknown; force_refresh?: unknown }): Result<{ access_token: string; expires_in: number }> {
    if (body.grant_type !== 'client_credential') return fail(40002);
    if (body.appid !== this.appId) return fail(40013);
    if (body.secret !== this.secret) return fail(40125);
    const now = this.now();
    if (body.force_refresh === true) {
      this.forceRefreshes = this.forceRefreshes.filter((at) => at > now - 24 * 3600_000);
      const last = this.forceRefreshes[this.forceRefreshes.length - 1];
      if (this.forceRefreshes.length >= FORCE_REFRESH_PER_DAY) return fail(45009);
      if (last === undefined || last <= now - FORCE_REFRESH_GAP_MS || !this.currentToken) {
        this.forceRefreshes.push(now);
        if (this.currentToken) this.tokens.delete(this.currentToken.token);
        this.currentToken = this.issueToken(now);
      }
    } else if (!this.currentToken || this.currentToken.expiresAt - TOKEN_RENEW_EARLY_MS <= now) {
      this.currentToken = this.issueToken(now);
    }
    return { ok: { access_token: this.currentToken.token, expires_in: Math.floor((this.currentToken.expiresAt - now) / 1000) } };
  }

  /** The classic token (most SDKs' default): a new one on every call, the previous one still valid for 5 minutes. */
  classicAccessToken(query: Record<string, string | undefined>): Result<{ access_token: string; expires_in: number }> {
    if (query.grant_type !== 'client_credential') return fail(40002);
    if (query.appid !== this.appId) return fail(40013);
    if (query.secret !== this.secret) return fail(40125);
    const now = this.now();
    const previous = this.classicToken === null ? undefined : this.tokens.get(this.classicToken);
    if (this.classicToken !== null && previous !== undefined) this.tokens.set(this.classicToken, Math.min(previous, now + TOKEN_RENEW_EARLY_MS));
    const issued = this.issueToken(now);
    this.classicToken = issued.token;
    return { ok: { access_token: issued.token, expires_in: TOKEN_TTL_SECONDS } };
  }

  private issueToken(now: number): { token: string; expiresAt: number } {
    const token = `${randomInt(80, 99)}_${randomBytes(96).toString('base64url')}`;
    const expiresAt = now + TOKEN_TTL_SECONDS * 1000;
    this.tokens.set(token, expiresAt);
    return { token, expiresAt };
  }

  /** Used login codes are remembered (40163) only as long as they could have been valid. */
  private forgetExpiredCodes(): void {
    const now = this.now();
    for (const [code, issued] of this.loginCodes) if (issued.expiresAt <= now) this.loginCodes.delete(code);
  }

  /** null when the token may be used. */
  tokenProblem(token: string | undefined): WechatErrorBody | null {
    if (!token) return wechatErrorBody(41001);
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return wechatErrorBody(40001);
    return expiresAt <= this.now() ? wechatErrorBody(42001) : null;
  }

  phoneNumber(code: unknown): Result<{ phoneNumber: string; purePhoneNumber: string; countryCode: string; watermark: { timestamp: number; appid: string } }> {
    if (typeof code !== 'string' || !code) return fail(41008);
    const issued = this.phoneCodes.get(code);
    this.phoneCodes.delete(code);
    if (!issued || issued.expiresAt <= this.now()) return fail(40029);
    const { purePhoneNumber, countryCode } = issued;
    return {
      ok: {
        phoneNumber: countryCode === '86' ? purePhoneNumber : `+${countryCode} ${purePhoneNumber}`,
        purePhoneNumber,
        countryCode,
        watermark: { timestamp: Math.floor(this.now() / 1000), appid: this.appId },
      },
    };
  }

  /** What the QR code says: the H5 URL of the page with the scene, so a phone camera opens the H5 app. */
  qrCodeTarget(body: { scene?: unknown; page?: unknown; env_version?: unknown; check_path?: unknown }): Result<string> {
    if (typeof body.scene !== 'string' || !SCENE.test(body.scene)) return fail(40169);
    const page = body.page ?? [...this.pages][0];
    if (typeof page !== 'string' || !PAGE.test(page)) return fail(41030);
    if (body.env_version !== undefined && !['release', 'trial', 'develop'].includes(String(body.env_version))) return fail(40097);
    // WeChat checks the page against the released app unless told not to (a trial build before the first release).
    if (body.check_path !== false && !this.pages.has(page)) return fail(41030);
    return { ok: `${this.h5BaseUrl().replace(/\/$/, '')}/#/${page}?scene=${encodeURIComponent(body.scene)}` };
  }

  sendSubscribeMessage(body: Record<string, unknown>): Result<{ msgid: number }> {
    const openid = typeof body.touser === 'string' ? body.touser : '';
    const user = this.users.get(openid);
    if (!user) return fail(40003);
    const template = this.templates.find((t) => t.id === body.template_id);
    if (!template) return fail(40037);
    if (body.page !== undefined && (typeof body.page !== 'string' || !PAGE.test(body.page.split('?')[0] ?? ''))) return fail(41030);
    const data = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Record<string, { value?: unknown } | undefined>;
    for (const key of Object.keys(template.fields)) {
      const value = data[key]?.value;
      if (typeof value !== 'string' || value === '') return fail(47003, `argument invalid! data.${key}.value is empty`);
      const type = fieldTypeOfKey(key);
      if (type && fieldValueProblem(type, value)) return fail(47003, `argument invalid! data.${key}.value invalid`);
    }
    const state = body.miniprogram_state ?? 'formal';
    if (!['developer', 'trial', 'formal'].includes(String(state))) return fail(47003, 'argument invalid! miniprogram_state invalid');
    const left = user.quota.get(template.id) ?? 0;
    if (left < 1) return fail(43101);
    user.quota.set(template.id, left - 1);
    const msgid = randomInt(1, 2 ** 47);
    this.outbox.push({
      msgid,
      toOpenid: openid,
      templateId: template.id,
      templateTitle: template.title,
      page: typeof body.page === 'string' ? body.page : null,
      data: Object.fromEntries(Object.keys(template.fields).map((key) => [key, { value: String(data[key]?.value) }])),
      miniprogramState: String(state),
      lang: typeof body.lang === 'string' ? body.lang : 'zh_CN',
      receivedAt: this.clock.now().toISOString(),
    });
    this.pusher.push(openid, 'subscribe_msg_sent_event', { TemplateId: template.id, MsgID: String(msgid), ErrorCode: '0', ErrorStatus: 'success' });
    return { ok: { msgid } };
  }

  checkText(body: Record<string, unknown>): Result<{ suggest: 'pass' | 'review' | 'risky'; label: number; keyword: string | null }> {
    if (body.version !== 2) return fail(40097, 'invalid args, version must be 2');
    const user = typeof body.openid === 'string' ? this.users.get(body.openid) : undefined;
    if (!user) return fail(40003);
    if (user.lastSeenAt <= this.now() - RECENT_VISIT_MS) return fail(61010);
    if (![1, 2, 3, 4].includes(Number(body.scene))) return fail(40097, 'invalid args, scene must be 1, 2, 3 or 4');
    if (typeof body.content !== 'string' || body.content.length === 0 || body.content.length > 2500) return fail(40097, 'invalid args, content');
    const content = body.content;
    const hits = Object.entries(SANDBOX_FLAGGED_WORDS).filter(([word]) => content.includes(word));
    const worst = hits.find(([, v]) => v.suggest === 'risky') ?? hits[0];
    return { ok: worst ? { ...worst[1], keyword: worst[0] } : { suggest: 'pass', label: 100, keyword: null } };
  }
}
