import { bytesToBase64, pngDataUrl } from '../../src/lib/base64'
import { utf8Decode } from '../../src/api/client'

describe('bytesToBase64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foobar', 'Zm9vYmFy'],
  ])('%j → %j', (text, b64) => {
    expect(bytesToBase64(Uint8Array.from(Buffer.from(text)))).toBe(b64)
  })

  it('matches Buffer on every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
  })

  it('makes a PNG data URL of an ArrayBuffer', () => {
    expect(pngDataUrl(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]).buffer)).toBe('data:image/png;base64,iVBORw==')
  })
})

describe('utf8Decode, by the fallback path (jsdom has no TextDecoder)', () => {
  it('decodes an error body sent as bytes', () => {
    const body = '{"error":{"code":"STORE_NOT_FOUND","message":"门店不存在"}}'
    expect(utf8Decode(Uint8Array.from(Buffer.from(body)))).toBe(body)
  })
})
