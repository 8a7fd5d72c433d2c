/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

const HEX = /^#[0-9a-fA-F]{6}$/

/** The colour multiplied towards black by `amount` (0–1): the darker end of the card's gradient. */
export function darken(hex: string, amount: number): string {
  const parts = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - amount)))
  return `#${parts.map((p) => p.toString(16).padStart(2, '0')).join('')}`
}

export interface CardTheme {
  background: string
  text: string
  /** Secondary text: the same ink, slightly see-through, still AA on the lighter end. */
  soft: string
}

/**
 * HQ's 卡面颜色 as a card: a gradient from the colour to a darker shade, with white or dark ink,
 * whichever reads better on the lighter end (so a pale silver gets dark text, a navy white).
 */
export function cardTheme(color: string | null | undefined, fallback = '#3a3152'): CardTheme {
  const base = color && HEX.test(color) ? color : fallback
  const dark = darken(base, 0.35)
  const white = contrastRatio('#ffffff', base)
  const ink = contrastRatio('#1f1b2d', base)
  const light = white >= 4.5 || white >= ink
  return {
    background: `linear-gradient(135deg, ${base}, ${dark})`,
    text: light ? '#ffffff' : '#1f1b2d',
    soft: light ? 'rgba(255, 255, 255, 0.86)' : 'rgba(31, 27, 45, 0.8)',
  }
}
