import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import { StaffRole } from '@huiyuan/shared-types';
import type { FastifyRequest } from 'fastify';
import { AccountStandings } from './account-standing';
import { AuthTokens } from './auth-tokens';
import { getPrincipal, MemberPrincipal, setPrincipal, StaffPrincipal } from './principal';
import { memberNotFound } from '../errors/member-not-found';
import { bearerMissing, membersOnly, notAMember, passwordChangeRequired, roleNotAllowed, sessionEnded, staffOnly } from './auth.errors';

const MEMBER_REQUIRED = 'huiyuan:member-required';
const STAFF_ROLES = 'huiyuan:staff-roles';
const PASSWORD_CHANGE_PENDING_OK = 'huiyuan:password-change-pending-ok';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    throw bearerMissing();
  }
  return header.slice(7);
}

/** A member token stands while its membership does: a deleted account's token writes nothing more. */
@Injectable()
export class MemberAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AuthTokens,
    private readonly standings: AccountStandings,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = this.tokens.verify(bearer(request));
    if (principal.kind !== 'member') throw membersOnly();
    const required = this.reflector.get<boolean>(MEMBER_REQUIRED, context.getHandler()) ?? true;
    if (required && principal.memberId === null) {
      throw notAMember();
    }
    if (principal.memberId !== null) {
      const standing = await this.standings.member(principal.memberId);
      if (!standing?.active || standing.openid !== principal.openid) throw memberNotFound(principal.memberId);
    }
    setPrincipal(request, principal);
    return true;
  }
}

/**
 * A staff token carries the role, store and password it was issued under; the account must still
 * match them, so a password change, a disabled or deleted account and a demotion end old sessions.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AuthTokens,
    private readonly standings: AccountStandings,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = this.tokens.verify(bearer(request));
    if (principal.kind !== 'staff') throw staffOnly();
    const standing = await this.standings.staff(principal.staffId);
    if (!standing) throw sessionEnded('the account was removed');
    if (!standing.active) throw sessionEnded('the account was disabled');
    if (standing.credentialStamp !== principal.credentialStamp) throw sessionEnded('the password was changed');
    if (standing.role !== principal.role || standing.storeId !== principal.storeId) throw sessionEnded('the role or store of the account changed');
    if (standing.mustChangePassword && !this.reflector.get<boolean>(PASSWORD_CHANGE_PENDING_OK, context.getHandler())) {
      throw passwordChangeRequired();
    }
    const roles =
      this.reflector.get<StaffRole[] | undefined>(STAFF_ROLES, context.getHandler()) ??
      this.reflector.get<StaffRole[] | undefined>(STAFF_ROLES, context.getClass());
    if (roles?.length && !roles.includes(principal.role)) {
      throw roleNotAllowed(principal.role, roles);
    }
    setPrincipal(request, principal);
    return true;
  }
}

/** A member route; `{ joined: false }` lets a logged-in visitor who is not a member yet through (join). */
export function MemberAuth(options: { joined: boolean } = { joined: true }) {
  return applyDecorators(SetMetadata(MEMBER_REQUIRED, options.joined), UseGuards(MemberAuthGuard), ApiBearerAuth());
}

/** A staff route, optionally limited to roles; store scope is checked by the service. */
export function StaffAuth(...roles: StaffRole[]) {
  return applyDecorators(SetMetadata(STAFF_ROLES, roles), UseGuards(StaffAuthGuard), ApiBearerAuth());
}

/** One of the few staff routes open before a one-time password has been changed. */
export const OpenBeforePasswordChange = () => SetMetadata(PASSWORD_CHANGE_PENDING_OK, true);

export const CurrentMember = createParamDecorator((_: unknown, ctx: ExecutionContext): MemberPrincipal => {
  return getPrincipal(ctx.switchToHttp().getRequest()) as MemberPrincipal;
});

export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  return getPrincipal(ctx.switchToHttp().getRequest()) as StaffPrincipal;
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().id;
});
