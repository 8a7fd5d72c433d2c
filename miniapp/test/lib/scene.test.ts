import { parseScene } from '../../src/lib/scene'

describe('parseScene', () => {
  it.each([
    ['absent', undefined, { malformed: false }],
    ['empty', '', { malformed: false }],
    ['store only, encoded as WeChat passes it', 's%3DS001', { raw: 's=S001', storeCode: 'S001', referralCode: undefined, malformed: false }],
    ['store only, already decoded', 's=S001', { raw: 's=S001', storeCode: 'S001', referralCode: undefined, malformed: false }],
    ['store and referrer', 's%3DS001%26r%3DAB12CD', { raw: 's=S001&r=AB12CD', storeCode: 'S001', referralCode: 'AB12CD', malformed: false }],
    ['referrer only (share link)', 'r%3DAB12CD', { raw: 'r=AB12CD', storeCode: undefined, referralCode: 'AB12CD', malformed: false }],
    ['unknown key', 'x%3D1', { malformed: true }],
    ['no value separator', 'S001', { malformed: true }],
    ['empty value', 's=', { malformed: true }],
    ['duplicate key', 's=A&s=B', { malformed: true }],
    ['illegal characters', 's=S 01', { malformed: true }],
    ['broken percent-encoding', 's%3DS0%ZZ', { malformed: true }],
    ['longer than the 32-char scene limit', `s=${'A'.repeat(31)}`, { malformed: true }],
  ])('%s', (_name, input, expected) => {
    expect(parseScene(input)).toEqual(expected)
  })
})
