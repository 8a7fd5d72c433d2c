/** API origin baked in by config/index.ts: '' in H5 (same origin), http://127.0.0.1:3000 in weapp by default. */
export function apiBase(): string {
  return (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '')
}

/** H5 has no wx.login; the server's WeChat sandbox stands in for it. */
export function isH5(): boolean {
  return process.env.TARO_ENV === 'h5'
}
