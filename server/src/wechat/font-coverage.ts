import { readFileSync } from 'node:fs';

/**
 * The code points an OpenType/TrueType font has glyphs for, read from its cmap table (the Windows
 * Unicode subtables: format 12 for the full range, else format 4 for the BMP).
 */
export function fontCoverage(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) throw new Error('the font has no cmap table');
  const subtables = new Map<string, number>();
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const at = cmap + 4 + i * 8;
    subtables.set(`${font.readUInt16BE(at)}.${font.readUInt16BE(at + 2)}`, cmap + font.readUInt32BE(at + 4));
  }
  const covered = new Set<number>();
  const full = subtables.get('3.10');
  if (full !== undefined && font.readUInt16BE(full) === 12) {
    for (let g = 0; g < font.readUInt32BE(full + 12); g++) {
      const at = full + 16 + g * 12;
      for (let c = font.readUInt32BE(at); c <= font.readUInt32BE(at + 4); c++) covered.add(c);
    }
    return covered;
  }
  const bmp = subtables.get('3.1');
  if (bmp === undefined || font.readUInt16BE(bmp) !== 4) throw new Error('the font has no Unicode cmap subtable');
  const segments = font.readUInt16BE(bmp + 6) / 2;
  const ends = bmp + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const offsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(ends + s * 2);
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffset = font.readUInt16BE(offsets + s * 2);
    for (let c = font.readUInt16BE(starts + s * 2); c <= end && c !== 0xffff; c++) {
      const glyph = rangeOffset === 0 ? (c + delta) & 0xffff : font.readUInt16BE(offsets + s * 2 + rangeOffset + (c - font.readUInt16BE(starts + s * 2)) * 2);
      if (glyph !== 0) covered.add(c);
    }
  }
  return covered;
}

export function fontCoverageOf(path: string): Set<number> {
  return fontCoverage(readFileSync(path));
}

/** The characters of `text` the font has no glyph for, each once, in order. */
export function uncoveredCharacters(text: string, coverage: Set<number>): string[] {
  return [...new Set([...text].filter((ch) => !coverage.has(ch.codePointAt(0) as number)))];
}
