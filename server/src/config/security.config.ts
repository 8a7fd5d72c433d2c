import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, Env } from './config-error';

export interface SecurityConfig {
  /** Signs member and staff tokens and the dynamic member codes. */
  jwtSecret: string;
  /** Derives the keys that encrypt and index phone numbers at rest. */
  phoneKey: string;
  /** False in production: the seeded demo password (published in the README) opens no account there. */
  demoPasswordAccepted: boolean;
}

export const SECURITY_CONFIG = Symbol('SECURITY_CONFIG');

const MIN_LENGTH = 32;
/** Bits of Shannon entropy per character: 36 × 'a' has 0, hex ≈ 4, base64url ≈ 6, a typed sentence ≈ 4. */
const MIN_BITS_PER_CHAR = 3;

/** Why a secret is too weak to protect production data, or null. */
export function weakSecretProblem(secret: string): string | null {
  if (secret.length < MIN_LENGTH) return `must be at least ${MIN_LENGTH} characters`;
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  const length = [...secret].length;
  let bits = 0;
  for (const n of counts.values()) bits -= (n / length) * Math.log2(n / length);
  if (bits < MIN_BITS_PER_CHAR) return `is too predictable (${counts.size} different characters); generate one, e.g. openssl rand -base64 48`;
  return null;
}

/**
 * Production must be given both secrets, strong and distinct; elsewhere missing ones are
 * generated once and kept in the data folder, so a laptop restart keeps sessions and phone numbers.
 */
export function securityFrom(env: Env, production: boolean, dataDir: string): SecurityConfig {
  const jwtSecret = secretFrom(env, 'JWT_SECRET', production, join(dataDir, 'jwt-secret'));
  // Before this variable existed, phone keys were derived from the JWT secret; a dev database keeps working.
  const phoneKey = production ? secretFrom(env, 'PHONE_ENCRYPTION_KEY', true, '') : env.PHONE_ENCRYPTION_KEY || jwtSecret;
  if (production && phoneKey === jwtSecret) throw new ConfigError('PHONE_ENCRYPTION_KEY must differ from JWT_SECRET');
  return { jwtSecret, phoneKey, demoPasswordAccepted: !production };
}

function secretFrom(env: Env, name: string, production: boolean, keptIn: string): string {
  const given = env[name];
  if (given) {
    const problem = production ? weakSecretProblem(given) : given.length < MIN_LENGTH ? `must be at least ${MIN_LENGTH} characters` : null;
    if (problem) throw new ConfigError(`${name} ${problem}`);
    return given;
  }
  if (production) throw new ConfigError(`${name} is required when NODE_ENV=production`);
  if (existsSync(keptIn)) return readFileSync(keptIn, 'utf8').trim();
  mkdirSync(join(keptIn, '..'), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(keptIn, secret, { mode: 0o600 });
  return secret;
}
