import { dateTime } from '../src/lib/format'

describe('dateTime', () => {
  it.each([
    ['2026-12-01T18:12:00.000Z', '2026-12-02 02:12'],
    ['2026-12-01T15:59:00.000Z', '2026-12-01 23:59'],
    ['2026-12-01T16:00:00.000Z', '2026-12-02 00:00'],
  ])('shows %s on the business clock as %s', (iso, shown) => {
    expect(dateTime(iso)).toBe(shown)
  })

  it('shows a dash for no time', () => {
    expect(dateTime(null)).toBe('—')
  })
})
