import type { StaffRole } from '@huiyuan/shared-types';

/** A mini-program user: known by openid, and a member once they have joined. */
export interface MemberPrincipal {
  kind: 'member';
  openid: string;
  /** From code2Session when the app is bound to an open platform account; used to spot duplicate people. */
  unionid: string | null;
  memberId: number | null;
}

/** A store employee, bound to a store; an HQ admin is bound to the HQ node and acts everywhere. */
export interface StaffPrincipal {
  kind: 'staff';
  staffId: number;
  role: StaffRole;
  storeId: number;
  /** Which password the token was issued under; see AccountStandings. */
  credentialStamp: string;
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
