import { ErrorCode, isErrorBody, type FieldError } from '@huiyuan/shared-types'
import { authStore } from './auth'

/** Codes the client itself produces when no error envelope came back. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  is(...codes: ClientErrorCode[]): boolean {
    return codes.includes(this.code)
  }

  /** VALIDATION_FAILED details as field → messages (nested fields dotted, like `benefits.discountPercent`). */
  fieldErrors(): FieldError[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return []
    return (this.details as Partial<FieldError>[]).filter((d): d is FieldError => typeof d?.field === 'string' && Array.isArray(d.problems))
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError

const knownCodes = new Set<string>(Object.values(ErrorCode))

export function decodeError(status: number, data: unknown): ApiError {
  if (isErrorBody(data)) {
    const { code, message, details } = data.error
    return new ApiError(status, knownCodes.has(code) ? code : 'UNEXPECTED_RESPONSE', typeof message === 'string' ? message : code, details)
  }
  return new ApiError(status, 'UNEXPECTED_RESPONSE', `HTTP ${status}`)
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | undefined | null

export interface RequestOptions {
  method?: Method
  query?: Record<string, QueryValue>
  body?: unknown
  /** Sign-in is the one call made without the staff token. */
  anonymous?: boolean
  /** For effectful POSTs: one key per user action, the same key on every retry of that action. */
  idempotencyKey?: string
  /** Answer with a Blob (an image, a spreadsheet) instead of JSON. */
  blob?: boolean
  /** A file upload (multipart/form-data; the browser sets the boundary). */
  form?: FormData
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const parts = Object.entries(query ?? {})
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return `${path}${parts.length ? `?${parts.join('&')}` : ''}`
}

/** The one caller of fetch: staff token, idempotency key, error envelope; a 401 signs the console out. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: options.blob ? '*/*' : 'application/json' }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  const token = options.anonymous ? null : authStore.token()
  if (token) headers.Authorization = `Bearer ${token}`
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey
  let res: Response
  try {
    res = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    })
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error))
  }
  if (res.ok && options.blob) return (await res.blob()) as T
  const text = await res.text()
  let data: unknown = null
  try {
    data = text === '' ? null : JSON.parse(text)
  } catch {
    data = text
  }
  if (res.ok) return data as T
  if (res.status === 401 && token) authStore.signOut()
  throw decodeError(res.status, data)
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query']) => request<T>(path, { method: 'GET', query }),
  post: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) => request<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) => request<T>(path, { ...opts, method: 'PUT', body }),
  patch: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) => request<T>(path, { ...opts, method: 'PATCH', body }),
  blob: (path: string) => request<Blob>(path, { method: 'GET', blob: true }),
  upload: <T>(path: string, file: File) => {
    const form = new FormData()
    form.append('file', file)
    return request<T>(path, { method: 'POST', form })
  },
}
