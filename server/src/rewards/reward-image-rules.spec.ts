import { createCanvas } from '@napi-rs/canvas';
import { REWARD_IMAGE_MAX_BYTES } from '@huiyuan/shared-types';
import { rewardImageProblem, sniffImage } from './reward-image-rules';

const drawn = (width: number, height: number, type: 'image/png' | 'image/jpeg') => {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#a87000';
  ctx.fillRect(0, 0, width, height);
  return type === 'image/png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg');
};

describe('sniffImage: the type and size from the bytes themselves', () => {
  it.each([
    ['a PNG', drawn(320, 200, 'image/png'), { type: 'png', width: 320, height: 200 }],
    ['a JPEG', drawn(300, 450, 'image/jpeg'), { type: 'jpeg', width: 300, height: 450 }],
    ['text', Buffer.from('hello, not an image'), null],
    ['a PNG signature with no header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), null],
    ['a JPEG start with no frame', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9, 0, 0]), null],
    ['a GIF', Buffer.from('GIF89a\x10\x00\x10\x00', 'latin1'), null],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffImage(bytes)).toEqual(expected);
  });
});

describe('rewardImageProblem: what a mall picture may be', () => {
  const oversized = Buffer.concat([drawn(200, 200, 'image/png'), Buffer.alloc(REWARD_IMAGE_MAX_BYTES)]);
  it.each([
    ['a 640×640 PNG', drawn(640, 640, 'image/png'), null],
    ['a 750×500 JPEG', drawn(750, 500, 'image/jpeg'), null],
    ['nothing', Buffer.alloc(0), 'data: the image is empty'],
    ['over the size limit', oversized, `data: the image is ${Math.ceil(oversized.length / 1024)} KB; at most 512 KB`],
    ['not an image', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'data: not a PNG or JPEG image'],
    ['an icon-sized picture', drawn(32, 200, 'image/png'), 'data: the image is 32×200 pixels; each side needs at least 64'],
    ['a camera original', drawn(5000, 100, 'image/jpeg'), 'data: the image is 5000×100 pixels; each side at most 4096'],
  ])('%s', (_name, bytes, problem) => {
    expect(rewardImageProblem(bytes)).toBe(problem);
  });
});
