import Taro from '@tarojs/taro'
import { ErrorCode, isErrorBody } from '@huiyuan/shared-types'
import { authStore } from './auth'
import { apiBase, isH5 } from './env'

/** Codes the client itself produces when no error envelope came back. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  is(...codes: ClientErrorCode[]): boolean {
    return codes.includes(this.code)
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError

const knownCodes = new Set<string>(Object.values(ErrorCode))

/** Turns a non-2xx response into an ApiError, whatever the body turned out to be. */
export function decodeError(status: number, data: unknown): ApiError {
  const body = typeof data === 'string' ? safeJson(data) : data
  if (isErrorBody(body)) {
    const { code, message, details, requestId } = body.error
    const known: ClientErrorCode = knownCodes.has(code) ? code : 'UNEXPECTED_RESPONSE'
    return new ApiError(status, known, typeof message === 'string' ? message : code, details, requestId)
  }
  return new ApiError(status, 'UNEXPECTED_RESPONSE', `HTTP ${status}`)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The weapp base library may lack TextDecoder; error bodies are small, so a fallback is enough. */
export function utf8Decode(bytes: Uint8Array): string {
  if (typeof TextDecoder !== 'undefined') return new TextDecoder('utf-8').decode(bytes)
  let latin1 = ''
  for (const b of bytes) latin1 += String.fromCharCode(b)
  try {
    return decodeURIComponent(escape(latin1))
  } catch {
    return latin1
  }
}

export type AuthMode = 'member' | 'staff' | 'none'
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type QueryValue = string | number | boolean | undefined | null

export interface RequestOptions {
  method?: Method
  query?: Record<string, QueryValue>
  body?: unknown
  /** Whose token goes in the Authorization header; member requests log in on demand. */
  auth?: AuthMode
  /** For effectful POSTs: one key per user action, the same key on every retry of that action. */
  idempotencyKey?: string
  /** Answer with the raw bytes (images); an error body is still decoded from them. */
  binary?: boolean
}

interface RawResponse {
  status: number
  data: unknown
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const parts = Object.entries(query ?? {})
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return `${apiBase()}${path}${parts.length ? `?${parts.join('&')}` : ''}`
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<RawResponse> {
  const method = options.method ?? 'GET'
  const header: Record<string, string> = { Accept: options.binary ? '*/*' : 'application/json' }
  if (options.body !== undefined) header['Content-Type'] = 'application/json'
  if (token) header.Authorization = `Bearer ${token}`
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey
  try {
    const res = await Taro.request({
      url: buildUrl(path, options.query),
      method,
      header,
      data: options.body === undefined ? undefined : JSON.stringify(options.body),
      dataType: '其他',
      responseType: options.binary ? 'arraybuffer' : 'text',
    })
    if (options.binary) {
      const ok = res.statusCode >= 200 && res.statusCode < 300
      return { status: res.statusCode, data: ok || !(res.data instanceof ArrayBuffer) ? res.data : safeJson(utf8Decode(new Uint8Array(res.data))) }
    }
    const data = typeof res.data === 'string' ? (res.data === '' ? null : safeJson(res.data)) : res.data
    return { status: res.statusCode, data }
  } catch (error) {
    const message = error instanceof Error ? error.message : String((error as { errMsg?: string })?.errMsg ?? error)
    throw new ApiError(0, 'NETWORK_ERROR', message)
  }
}

/** A request is safe to resend after a network failure when it is a read or carries an idempotency key. */
async function sendWithRetry(path: string, options: RequestOptions, token: string | null): Promise<RawResponse> {
  try {
    return await send(path, options, token)
  } catch (error) {
    const retriable = (options.method ?? 'GET') === 'GET' || options.idempotencyKey !== undefined
    if (!retriable || !isApiError(error) || error.code !== 'NETWORK_ERROR') throw error
    return send(path, options, token)
  }
}

export interface LoginResult<M> {
  token: string
  member: M | null
}

type LoginListener = (result: LoginResult<unknown>) => void
const loginListeners = new Set<LoginListener>()

/** Lets the query layer seed the card after a (re-)login without the client knowing React Query. */
export function onMemberLogin(listener: LoginListener): () => void {
  loginListeners.add(listener)
  return () => loginListeners.delete(listener)
}

/** A wx.login code (on H5 the sandbox's, for this browser's openid): a member login, or a staff member binding their WeChat. */
export async function obtainWechatCode(): Promise<string> {
  if (!isH5()) {
    const { code } = await Taro.login()
    if (!code) throw new ApiError(0, 'WECHAT_CODE_INVALID', 'wx.login returned no code')
    return code
  }
  const res = await sendWithRetry('/sandbox/wechat/dev/login', { method: 'POST', body: { openid: authStore.devOpenid() } }, null)
  if (res.status < 200 || res.status >= 300) throw decodeError(res.status, res.data)
  const code = (res.data as { code?: unknown } | null)?.code
  if (typeof code !== 'string') throw new ApiError(res.status, 'UNEXPECTED_RESPONSE', 'sandbox login returned no code')
  return code
}

/** The sandbox's answer to a development requestSubscribeMessage (H5 only): per-template answers, or WeChat's errcode. */
export async function sandboxSubscribe(templateIds: string[], choice: { reject?: boolean; errCode?: 20004 | 20005 }): Promise<Record<string, unknown>> {
  const answers = choice.reject ? Object.fromEntries(templateIds.map((id) => [id, 'reject'])) : {}
  const body = { openid: authStore.devOpenid(), templateIds, answers, ...(choice.errCode ? { errCode: choice.errCode } : {}) }
  const res = await sendWithRetry('/sandbox/wechat/dev/subscribe', { method: 'POST', body }, null)
  return (res.data ?? {}) as Record<string, unknown>
}

let loginInFlight: Promise<LoginResult<unknown>> | null = null

/**
 * wx.login → code → POST /api/v1/auth/wechat. Single-flight: every caller that needs a session
 * while a login is running waits for that one login (a wx.login code is single-use).
 */
export function loginMember(): Promise<LoginResult<unknown>> {
  if (!loginInFlight) {
    loginInFlight = (async () => {
      const code = await obtainWechatCode()
      const res = await sendWithRetry('/api/v1/auth/wechat', { method: 'POST', body: { code } }, null)
      if (res.status < 200 || res.status >= 300) throw decodeError(res.status, res.data)
      const result = res.data as LoginResult<unknown>
      if (!result || typeof result.token !== 'string') throw new ApiError(res.status, 'UNEXPECTED_RESPONSE', 'login returned no token')
      authStore.setMemberToken(result.token)
      loginListeners.forEach((fn) => fn(result))
      return result
    })().finally(() => {
      loginInFlight = null
    })
  }
  return loginInFlight
}

async function memberToken(): Promise<string> {
  return authStore.memberToken() ?? (await loginMember()).token
}

/** weapp only: downloads an authenticated file (a poster) to a temp path, e.g. to save it to the album. */
export async function downloadToTempFile(path: string, auth: AuthMode): Promise<string> {
  const token = auth === 'member' ? await memberToken() : auth === 'staff' ? authStore.staffToken() : null
  let res: Taro.downloadFile.FileSuccessCallbackResult
  try {
    res = await Taro.downloadFile({ url: buildUrl(path), header: token ? { Authorization: `Bearer ${token}` } : {} })
  } catch (error) {
    const message = error instanceof Error ? error.message : String((error as { errMsg?: string })?.errMsg ?? error)
    throw new ApiError(0, 'NETWORK_ERROR', message)
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw new ApiError(res.statusCode, 'UNEXPECTED_RESPONSE', `HTTP ${res.statusCode}`)
  return res.tempFilePath
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? 'member'
  let token = auth === 'member' ? await memberToken() : auth === 'staff' ? authStore.staffToken() : null
  let res = await sendWithRetry(path, options, token)

  if (res.status === 401 && auth === 'member') {
    // Another request may already have replaced the expired token; only log in again if not.
    const current = authStore.memberToken()
    token = current && current !== token ? current : (await loginMember()).token
    res = await sendWithRetry(path, options, token)
  } else if (res.status === 401 && auth === 'staff') {
    authStore.setStaffToken(null)
    authStore.setStaffProfileJson(null)
  }

  if (res.status >= 200 && res.status < 300) return res.data as T
  throw decodeError(res.status, res.data)
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], auth?: AuthMode) => request<T>(path, { method: 'GET', query, auth }),
  post: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'PUT', body }),
  /** Raw bytes of a GET (an image); errors are decoded like any other. */
  bytes: (path: string, auth: AuthMode) => request<ArrayBuffer>(path, { method: 'GET', auth, binary: true }),
  patch: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'PATCH', body }),
  delete: <T>(path: string, opts: Omit<RequestOptions, 'method'> = {}) => request<T>(path, { ...opts, method: 'DELETE' }),
}
