import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { POSTER_FONT_FAMILY, registerPosterFont } from './join-poster';

/** The ink a string leaves on a small canvas in the given font: how many pixels it darkens. */
function ink(text: string, font: string): number {
  const canvas = createCanvas(200, 60);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 200, 60);
  g.fillStyle = '#000';
  g.font = font;
  g.fillText(text, 4, 46);
  const { data } = g.getImageData(0, 0, 200, 60);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
  return dark;
}

describe('the poster font the project ships', () => {
  it('registers from server/assets/fonts and draws Chinese in its own glyphs', () => {
    expect(registerPosterFont()).toBe(true);
    expect(GlobalFonts.families.map((f) => f.family)).toContain(POSTER_FONT_FAMILY);
    const font = `bold 40px "${POSTER_FONT_FAMILY}"`;
    // A character the subset holds draws differently from one it lacks (its .notdef box), and from another character.
    const shop = ink('店', font);
    expect(shop).toBeGreaterThan(50);
    expect(shop).not.toBe(ink('\uE000', font));
    expect(shop).not.toBe(ink('会', font));
  });
});
