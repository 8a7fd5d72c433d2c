import { createDecipheriv, createHash } from 'node:crypto';
import { decryptPushMessage, encryptPushMessage, PushDecryptionError, pushSignature } from './push-crypto';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP = 'wx5a0d0b0x00sandbox';

describe('message-push crypto', () => {
  it('signs like WeChat: sha1 over the parts sorted as strings, then joined', () => {
    const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
    expect(pushSignature('token', '1409659589', '263014780')).toBe(sha1('1409659589263014780token'));
    // The order of the arguments does not matter; the Encrypt value joins the sort in safe mode.
    expect(pushSignature('token', '263014780', '1409659589')).toBe(sha1('1409659589263014780token'));
    expect(pushSignature('t', '1', '2', 'E')).toBe(sha1('12Et'));
  });

  it('round-trips a message through safe mode, padded to 32-byte blocks', () => {
    for (const message of ['', '{"Event":"subscribe_msg_popup_event"}', '中文'.repeat(40)]) {
      const encrypted = encryptPushMessage(KEY, APP, message);
      expect(decryptPushMessage(KEY, APP, encrypted)).toBe(message);
      // WeChat's layout: 16 random bytes, a big-endian length, the message, the app id, PKCS#7 to 32.
      const key = Buffer.from(`${KEY}=`, 'base64');
      const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
      d.setAutoPadding(false);
      const plain = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
      expect(plain.length % 32).toBe(0);
      expect(plain.readUInt32BE(16)).toBe(Buffer.byteLength(message));
    }
  });

  it('refuses another app\'s message, a wrong key and garbage', () => {
    const encrypted = encryptPushMessage(KEY, 'wxOtherApp', 'hi');
    expect(() => decryptPushMessage(KEY, APP, encrypted)).toThrow(PushDecryptionError);
    expect(() => decryptPushMessage('Z'.repeat(43), APP, encryptPushMessage(KEY, APP, 'hi'))).toThrow(PushDecryptionError);
    expect(() => decryptPushMessage(KEY, APP, 'bm90IGVuY3J5cHRlZA==')).toThrow(PushDecryptionError);
  });
});
