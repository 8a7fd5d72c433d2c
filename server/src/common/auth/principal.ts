import type { StaffRole } from '@huiyuan/shared-types';

/** A mini-program user: known by openid, and a member once they have joined. */
export interface MemberPrincipal {
  kind: 'member';
  openid: string;
  memberId: number | null;
}

/** A store employee; storeId null means HQ scope (every store). */
export interface StaffPrincipal {
  kind: 'staff';
  staffId: number;
  role: StaffRole;
  storeId: number | null;
}

export type Principal = MemberPrincipal | StaffPrincipal;

const PRINCIPAL = Symbol('huiyuan.principal');

export function setPrincipal(request: object, principal: Principal): void {
  (request as Record<symbol, Principal>)[PRINCIPAL] = principal;
}

export function getPrincipal(request: object): Principal | undefined {
  return (request as Record<symbol, Principal | undefined>)[PRINCIPAL];
}

/** The key under which a principal's idempotency keys and rate limits are scoped. */
export function principalScope(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'member' ? `member:${principal.openid}` : `staff:${principal.staffId}`;
}
