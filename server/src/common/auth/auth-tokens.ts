import { Inject, Injectable } from '@nestjs/common';
import { StaffRole } from '@huiyuan/shared-types';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SECURITY_CONFIG, SecurityConfig } from '../../config/security.config';
import { AppError } from '../errors/app-error';
import { Clock } from '../time/clock';
import { MemberPrincipal, StaffPrincipal } from './principal';
import { tokenInvalid } from './auth.errors';

const MEMBER_TTL_S = 7 * 24 * 3600;
const STAFF_TTL_S = 12 * 3600;

interface Claims {
  typ: 'member' | 'staff';
  sub: string;
  exp: number;
  iat: number;
  mid?: number | null;
  uid?: string | null;
  role?: StaffRole;
  store?: number;
  cst?: string;
}

/** Verified tokens remembered, so a busy till pays the HMAC once per token and not once per request. */
const VERIFIED_CACHE_SIZE = 10_000;

const b64 = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/** HS256 JWTs for members and staff, signed with JWT_SECRET (no state: any instance verifies). */
@Injectable()
export class AuthTokens {
  private readonly verified = new Map<string, { principal: MemberPrincipal | StaffPrincipal; expiresAtMs: number }>();

  constructor(
    @Inject(SECURITY_CONFIG) private readonly config: Pick<SecurityConfig, 'jwtSecret'>,
    private readonly clock: Clock,
  ) {}

  issueMember(openid: string, memberId: number | null, unionid: string | null = null): { token: string; expiresAt: Date } {
    return this.sign({ typ: 'member', sub: openid, mid: memberId, uid: unionid }, MEMBER_TTL_S);
  }

  issueStaff(p: Omit<StaffPrincipal, 'kind'>): { token: string; expiresAt: Date } {
    return this.sign({ typ: 'staff', sub: String(p.staffId), role: p.role, store: p.storeId, cst: p.credentialStamp }, STAFF_TTL_S);
  }

  verify(token: string): MemberPrincipal | StaffPrincipal {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > this.clock.now().getTime()) return known.principal;
      this.verified.delete(token);
    }
    const claims = this.decode(token);
    const principal: MemberPrincipal | StaffPrincipal =
      claims.typ === 'member'
        ? { kind: 'member', openid: claims.sub, unionid: claims.uid ?? null, memberId: claims.mid ?? null }
        : { kind: 'staff', staffId: Number(claims.sub), role: claims.role as StaffRole, storeId: Number(claims.store), credentialStamp: claims.cst ?? '' };
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal: Object.freeze(principal), expiresAtMs: claims.exp * 1000 });
    return principal;
  }

  private sign(claims: Omit<Claims, 'iat' | 'exp'>, ttlSeconds: number): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const body: Claims = { ...claims, iat, exp: iat + ttlSeconds };
    const unsigned = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(body))}`;
    return { token: `${unsigned}.${this.mac(unsigned)}`, expiresAt: new Date(body.exp * 1000) };
  }

  private decode(token: string): Claims {
    const parts = token.split('.');
    const [header, payload, signature] = parts;
    if (parts.length !== 3 || !header || !payload || !signature) throw this.invalid('malformed token');
    const expected = Buffer.from(this.mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw this.invalid('bad signature');
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    } catch {
      throw this.invalid('malformed token');
    }
    if (claims.exp * 1000 <= this.clock.now().getTime()) throw this.invalid('token expired');
    return claims;
  }

  private mac(data: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(data).digest('base64url');
  }

  private invalid(reason: string): AppError {
    return tokenInvalid(reason);
  }
}
