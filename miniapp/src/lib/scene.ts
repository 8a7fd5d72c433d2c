/**
 * The join QR code carries a `scene` of at most 32 chars (wxacode.getUnlimited), shaped
 * `s=<storeCode>` or `s=<storeCode>&r=<referralCode>`. WeChat hands it to the page URI-encoded.
 */
export interface JoinScene {
  /** The raw, decoded scene to send to the server (undefined when absent or malformed). */
  raw?: string
  storeCode?: string
  referralCode?: string
  /** Set when a scene was present but could not be understood; the member joins without attribution. */
  malformed: boolean
}

const SCENE_MAX = 32
const CODE = /^[A-Za-z0-9_-]{1,24}$/

export function decodeScene(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export function parseScene(input: string | undefined | null): JoinScene {
  const scene = decodeScene(input)?.trim()
  if (!scene) return { malformed: false }
  if (scene.length > SCENE_MAX) return { malformed: true }
  const fields = new Map<string, string>()
  for (const pair of scene.split('&')) {
    const eq = pair.indexOf('=')
    if (eq <= 0) return { malformed: true }
    const key = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    if ((key !== 's' && key !== 'r') || !CODE.test(value) || fields.has(key)) return { malformed: true }
    fields.set(key, value)
  }
  return { raw: scene, storeCode: fields.get('s'), referralCode: fields.get('r'), malformed: false }
}
