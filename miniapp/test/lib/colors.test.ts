import { cardTheme, contrastRatio, darken } from '../../src/lib/colors'

describe('card colours', () => {
  it.each([
    ['pale silver gets dark ink', '#9aa5b1', '#1f1b2d'],
    ['gold gets dark ink', '#c9a14a', '#1f1b2d'],
    ['navy gets white ink', '#3b3f58', '#ffffff'],
    ['an invalid colour falls back to the default, with white ink', 'gold', '#ffffff'],
  ])('%s', (_, color, ink) => {
    expect(cardTheme(color).text).toBe(ink)
  })

  it('the chosen ink reaches WCAG AA (4.5:1) on the lighter end of every demo tier', () => {
    for (const color of ['#9aa5b1', '#c9a14a', '#3b3f58', '#8c8c8c', '#b4232a']) {
      expect(contrastRatio(cardTheme(color).text, color)).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('darkens towards black', () => {
    expect(darken('#ffffff', 0.5)).toBe('#808080')
    expect(darken('#3b3f58', 0)).toBe('#3b3f58')
  })
})
