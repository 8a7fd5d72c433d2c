import { REWARD_IMAGE_MAX_BYTES } from '@huiyuan/shared-types';

export type RewardImageType = 'png' | 'jpeg';

export interface ImageFacts {
  type: RewardImageType;
  width: number;
  height: number;
}

/** Sides in pixels: smaller is a blur on a 2× phone screen; larger is a camera original nobody resized. */
export const MIN_SIDE = 64;
export const MAX_SIDE = 4096;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a JPEG's start-of-frame segment, walking the segments from the start. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Markers without a length: TEM and RST0–7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return null;
}

/** What the bytes are, read from the file itself (never from a name or a declared type); null when not a PNG or JPEG. */
export function sniffImage(bytes: Buffer): ImageFacts | null {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { type: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(bytes);
    return size ? { type: 'jpeg', ...size } : null;
  }
  return null;
}

/**
 * Why an upload cannot be a reward's picture, or null when it can. PNG and JPEG only: the mini-program's
 * <image> shows WebP only when asked to, and GIF's motion has no place in a price list.
 */
export function rewardImageProblem(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'data: the image is empty';
  if (bytes.length > REWARD_IMAGE_MAX_BYTES) return `data: the image is ${Math.ceil(bytes.length / 1024)} KB; at most ${REWARD_IMAGE_MAX_BYTES / 1024} KB`;
  const facts = sniffImage(bytes);
  if (!facts) return 'data: not a PNG or JPEG image';
  const { width, height } = facts;
  if (width < MIN_SIDE || height < MIN_SIDE) return `data: the image is ${width}×${height} pixels; each side needs at least ${MIN_SIDE}`;
  if (width > MAX_SIDE || height > MAX_SIDE) return `data: the image is ${width}×${height} pixels; each side at most ${MAX_SIDE}`;
  return null;
}
