/** The app the sandbox pretends to be; the gateway presents these when WECHAT_APPID is unset. */
export const SANDBOX_APP_ID = 'wx5a0d0b0x00sandbox';
export const SANDBOX_APP_SECRET = 'sandbox-secret-for-development-only';
