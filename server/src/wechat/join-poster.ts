import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';

/** The join page every join code opens; the scene says which store and which referrer. */
export const JOIN_PAGE = 'packages/join/index';

/** The banner of the store poster and the invitation. */
export const PROGRAMME_NAME = '会员中心';

export interface JoinPosterText {
  /** On the coloured band at the top. */
  banner: string;
  title: string;
  subtitle: string;
  /** Small lines under the code. */
  footer: string[];
}

/**
 * The project's own font (server/assets/fonts, a GB2312 subset of Noto Sans CJK SC, SIL OFL), so a poster
 * drawn on a server without CJK fonts shows Chinese, not □□□□. A system CJK font, where there is one,
 * draws the rare characters the subset lacks.
 */
export const POSTER_FONT_FAMILY = 'Huiyuan Poster Sans';
const FONT = `"${POSTER_FONT_FAMILY}", "Noto Sans CJK SC", sans-serif`;

/** From src/wechat under ts-jest and from dist/src/wechat once built: the assets folder sits beside both. */
export function posterFontFile(): string | undefined {
  return [resolve(__dirname, '../../assets/fonts/HuiyuanPosterSans-Bold.otf'), resolve(__dirname, '../../../assets/fonts/HuiyuanPosterSans-Bold.otf')].find((f) => existsSync(f));
}

let fontRegistered = false;
export function registerPosterFont(): boolean {
  if (fontRegistered) return true;
  const file = posterFontFile();
  fontRegistered = !!file && GlobalFonts.registerFromPath(file, POSTER_FONT_FAMILY) !== null;
  return fontRegistered;
}

/** A5-ish portrait at 150 dpi around a mini-program code: the store poster and the member's invitation share it. */
export async function drawJoinPoster(codePng: Buffer, text: JoinPosterText): Promise<Buffer> {
  registerPosterFont();
  const qr = await loadImage(codePng);
  const width = 874;
  const height = 1240;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff8ef';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#b4232a';
  g.fillRect(0, 0, width, 220);
  g.textAlign = 'center';
  g.fillStyle = '#ffffff';
  g.font = `bold 64px ${FONT}`;
  g.fillText(text.banner, width / 2, 130);
  g.fillStyle = '#3a2a1a';
  g.font = `bold 56px ${FONT}`;
  g.fillText(text.title, width / 2, 330);
  g.font = `36px ${FONT}`;
  g.fillText(text.subtitle, width / 2, 400);
  const size = 560;
  g.drawImage(qr, (width - size) / 2, 460, size, size);
  g.font = `30px ${FONT}`;
  g.fillStyle = '#7a6a5a';
  text.footer.forEach((line, i) => g.fillText(line, width / 2, 1100 + i * 50));
  return canvas.toBuffer('image/png');
}
