import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { SECURITY_CONFIG, SecurityConfig } from '../config/security.config';

/** Phone numbers at rest: AES-256-GCM for reading back, a keyed hash for look-ups, last four digits for masking. */
@Injectable()
export class PhoneVault {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;
  private readonly identityKey: Buffer;

  constructor(@Inject(SECURITY_CONFIG) config: SecurityConfig) {
    const secret = config.phoneKey;
    this.encryptionKey = Buffer.from(hkdfSync('sha256', secret, 'huiyuan', 'phone-encryption', 32));
    this.lookupKey = Buffer.from(hkdfSync('sha256', secret, 'huiyuan', 'phone-lookup', 32));
    this.identityKey = Buffer.from(hkdfSync('sha256', secret, 'huiyuan', 'former-identity', 32));
  }

  seal(phone: string): { cipher: string; hash: string; last4: string } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
    return { cipher: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'), hash: this.hash(phone), last4: phone.slice(-4) };
  }

  open(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** A WeChat user's openid and unionid as a deleted membership keeps them: keyed hashes only (see FormerIdentity). */
  identityHashes(openid: string | null, unionid: string | null): string[] {
    const hash = (kind: string, value: string) => createHmac('sha256', this.identityKey).update(`${kind}:${value}`).digest('hex');
    return [openid ? hash('openid', openid) : null, unionid ? hash('unionid', unionid) : null].filter((h): h is string => h !== null);
  }

  hash(phone: string): string {
    return createHmac('sha256', this.lookupKey).update(phone.replace(/\D/g, '')).digest('hex');
  }
}

/** 138****1234: how a phone number appears to staff and in exports for staff. */
export function maskPhone(last4: string | null): string | null {
  return last4 ? `1******${last4}` : null;
}
