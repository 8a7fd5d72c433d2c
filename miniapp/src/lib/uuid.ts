/**
 * RFC 4122 v4 shape. The WeChat JS engine has no crypto.getRandomValues, and these ids are
 * idempotency keys and device ids (uniqueness, not secrecy), so Math.random is enough here.
 */
export function uuid4(random: () => number = Math.random): string {
  const hex: string[] = []
  for (let i = 0; i < 32; i += 1) hex.push(Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = (8 + (parseInt(hex[16] ?? '0', 16) % 4)).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}
