import { Injectable } from '@nestjs/common';
import type { StaffRole } from '@huiyuan/shared-types';
import { Clock } from '../time/clock';

/** What a staff token is checked against on every request. */
export interface StaffStanding {
  active: boolean;
  role: StaffRole;
  storeId: number;
  /** Derived from the password hash: a new password ends every session issued under the old one. */
  credentialStamp: string;
  mustChangePassword: boolean;
}

/** What a member token is checked against: a deleted membership has no openid and is not active. */
export interface MemberStanding {
  active: boolean;
  openid: string | null;
}

type Loader<T> = (id: number) => Promise<T | null>;

/**
 * Another instance's change (a password reset, a disabled account, a deletion) is seen within this
 * long; a change made through this instance is seen at once (forget*). It keeps the per-request
 * check to one primary-key read per account per few seconds on a busy till.
 */
export const STANDING_FRESH_MS = 3_000;
const MAX_ENTRIES = 20_000;

/**
 * Tokens are stateless, so revocation is a look at the account behind them. The staff and members
 * features supply the reads (they own those tables); guards in every feature consult them here.
 */
@Injectable()
export class AccountStandings {
  private staffLoader: Loader<StaffStanding> | null = null;
  private memberLoader: Loader<MemberStanding> | null = null;
  private readonly staffCache = new Map<number, { value: StaffStanding | null; checkedAtMs: number }>();
  private readonly memberCache = new Map<number, { value: MemberStanding | null; checkedAtMs: number }>();

  constructor(private readonly clock: Clock) {}

  provideStaff(loader: Loader<StaffStanding>): void {
    this.staffLoader = loader;
  }

  provideMembers(loader: Loader<MemberStanding>): void {
    this.memberLoader = loader;
  }

  staff(staffId: number): Promise<StaffStanding | null> {
    if (!this.staffLoader) throw new Error('AccountStandings: the staff feature did not provide its loader');
    return this.cached(this.staffCache, staffId, this.staffLoader);
  }

  member(memberId: number): Promise<MemberStanding | null> {
    if (!this.memberLoader) throw new Error('AccountStandings: the members feature did not provide its loader');
    return this.cached(this.memberCache, memberId, this.memberLoader);
  }

  forgetStaff(staffId: number): void {
    this.staffCache.delete(staffId);
  }

  forgetMember(memberId: number): void {
    this.memberCache.delete(memberId);
  }

  private async cached<T>(cache: Map<number, { value: T | null; checkedAtMs: number }>, id: number, load: Loader<T>): Promise<T | null> {
    const now = this.clock.now().getTime();
    const known = cache.get(id);
    if (known && now - known.checkedAtMs < STANDING_FRESH_MS && now >= known.checkedAtMs) return known.value;
    const value = await load(id);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as number);
    cache.set(id, { value, checkedAtMs: now });
    return value;
  }
}
