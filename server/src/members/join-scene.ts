export interface JoinScene {
  storeCode: string | null;
  referralCode: string | null;
  /** Why (part of) the scene was ignored, for the member to read. */
  problem: string | null;
}

const STORE = /^[A-Z0-9]{2,16}$/;
const REFERRAL = /^[A-HJKMNP-Z2-9]{6}$/;

/** Reads `s=<storeCode>&r=<referralCode>` (either optional, at most 32 chars as WeChat allows). */
export function parseJoinScene(raw: string | undefined | null): JoinScene {
  if (!raw) return { storeCode: null, referralCode: null, problem: null };
  let scene = raw;
  try {
    scene = decodeURIComponent(raw);
  } catch {
    return { storeCode: null, referralCode: null, problem: '二维码参数无法识别，已为您以普通方式加入' };
  }
  if (scene.length > 32) return { storeCode: null, referralCode: null, problem: '二维码参数过长，已为您以普通方式加入' };
  const result: JoinScene = { storeCode: null, referralCode: null, problem: null };
  for (const part of scene.split('&')) {
    const [key, value, extra] = part.split('=');
    if (extra !== undefined || !value) return { storeCode: null, referralCode: null, problem: '二维码参数无法识别，已为您以普通方式加入' };
    if (key === 's' && STORE.test(value)) result.storeCode = value;
    else if (key === 'r' && REFERRAL.test(value)) result.referralCode = value;
    else return { storeCode: null, referralCode: null, problem: '二维码参数无法识别，已为您以普通方式加入' };
  }
  return result;
}
