import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's message-push signing and safe-mode encryption, both directions: the server checks and
 * decrypts what WeChat pushes, the sandbox signs and encrypts what it pushes as WeChat would.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html
 */

/** SHA-1 over the sorted, concatenated parts: [token, timestamp, nonce] (plaintext) or with the Encrypt value (msg_signature). */
export function pushSignature(token: string, timestamp: string, nonce: string, encrypted?: string): string {
  const parts = encrypted === undefined ? [token, timestamp, nonce] : [token, timestamp, nonce, encrypted];
  return createHash('sha1').update(parts.sort().join('')).digest('hex');
}

export function signatureMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

// WeChat pads to 32-byte blocks (PKCS#7 with k = 32), not AES's 16.
const PAD_BLOCK = 32;

function keyOf(encodingAesKey: string): Buffer {
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** AES-256-CBC of random(16) + length(4, big-endian) + message + appid; the IV is the key's first 16 bytes. */
export function encryptPushMessage(encodingAesKey: string, appId: string, message: string, random: Buffer = randomBytes(16)): string {
  const key = keyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = PAD_BLOCK - (plain.length % PAD_BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export class PushDecryptionError extends Error {}

/** The message inside an Encrypt value; throws PushDecryptionError for a bad key, bad padding or another app's message. */
export function decryptPushMessage(encodingAesKey: string, appId: string, encrypted: string): string {
  const key = keyOf(encodingAesKey);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  } catch {
    throw new PushDecryptionError('the Encrypt value is not AES-256-CBC under this EncodingAESKey');
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || plain.length < 20 + pad) throw new PushDecryptionError('bad padding (wrong EncodingAESKey?)');
  const unpadded = plain.subarray(0, plain.length - pad);
  const length = unpadded.readUInt32BE(16);
  if (20 + length > unpadded.length) throw new PushDecryptionError('the message length does not fit (wrong EncodingAESKey?)');
  const from = unpadded.subarray(20 + length).toString('utf8');
  if (from !== appId) throw new PushDecryptionError(`the message is for app ${from.slice(0, 32)}, not ${appId}`);
  return unpadded.subarray(20, 20 + length).toString('utf8');
}
