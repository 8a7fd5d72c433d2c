import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { PasswordChanged, StaffProfile, StaffRole, StaffSession, StoreKind } from '@huiyuan/shared-types';
import bcrypt from 'bcryptjs';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { AccountStandings } from '../common/auth/account-standing';
import { AuthTokens } from '../common/auth/auth-tokens';
import { PasswordHasher } from '../common/auth/password-hasher';
import type { StaffPrincipal } from '../common/auth/principal';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { TransactionRunner } from '../common/db/transaction-runner';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { Clock } from '../common/time/clock';
import { SECURITY_CONFIG, SecurityConfig } from '../config/security.config';
import { Store } from '../stores/entities/store.entity';
import { StoreScope } from '../stores/store-scope';
import { StoresService } from '../stores/stores.service';
import { StaffMember } from './entities/staff-member.entity';
import { DEMO_PASSWORD, LOCKOUT_MS, MAX_FAILED_LOGINS, passwordProblem } from './staff-rules';
import { StaffRepository } from './staff.repository';
import { storeNotFound } from '../stores/stores.errors';
import { clerksCannotCreateStaff, demoPasswordRefused, managersCreateClerksOnly, passwordWeak, roleOutsideItsStore, staffLocked, staffNotFound, usernameTaken, wrongCredentials, wrongCurrentPassword } from './staff.errors';

/** Compared against when the username is unknown, so a wrong username costs as long as a wrong password. */
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);

/** A token names the password it was issued under by this, so a new password ends older sessions. */
export function credentialStamp(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);
}

export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  storeCode: string;
  password?: string;
}

@Injectable()
export class StaffService implements OnModuleInit {
  constructor(
    private readonly staffRows: StaffRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tokens: AuthTokens,
    private readonly standings: AccountStandings,
    private readonly passwords: PasswordHasher,
    private readonly attempts: RateLimiter,
    private readonly stores: StoresService,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
    @Inject(SECURITY_CONFIG) private readonly security: Pick<SecurityConfig, 'demoPasswordAccepted'>,
  ) {}

  onModuleInit(): void {
    this.standings.provideStaff(async (id) => {
      const staff = await this.staffRows.find(id);
      return staff && { active: staff.active, role: staff.role, storeId: staff.storeId, credentialStamp: credentialStamp(staff.passwordHash), mustChangePassword: staff.mustChangePassword };
    });
  }

  /**
   * The attempt is counted before the password is checked, atomically, per username and client
   * address: thirty parallel guesses get five checks, and a stranger elsewhere cannot lock the
   * account out for its owner at the till.
   */
  async login(username: string, password: string, client: string): Promise<StaffSession> {
    const attemptKey = `${username.toLowerCase()}|${client}`;
    const { count, windowEndsAt } = await this.attempts.hit('staff-login-attempts', attemptKey, LOCKOUT_MS);
    if (count > MAX_FAILED_LOGINS) {
      throw staffLocked(windowEndsAt);
    }
    const staff = await this.staffRows.byUsername(username);
    const ok = await this.passwords.compare(password, staff?.passwordHash ?? DUMMY_HASH);
    if (!staff || !staff.active || !ok) {
      if (staff && count === MAX_FAILED_LOGINS) {
        await this.tx.run((m) => this.audit.record(m, { staff: null }, { action: 'staff.locked', targetType: 'staff', targetId: staff.id, summary: `同一设备连续 ${MAX_FAILED_LOGINS} 次密码错误，该设备锁定 15 分钟` }));
      }
      throw wrongCredentials();
    }
    await this.attempts.reset('staff-login-attempts', attemptKey, LOCKOUT_MS);
    // A database seeded for a demo and then put in production: its demo accounts must not open.
    if (!this.security.demoPasswordAccepted && password === DEMO_PASSWORD) {
      throw demoPasswordRefused(username);
    }
    const { token, expiresAt } = this.tokens.issueStaff({ staffId: staff.id, role: staff.role, storeId: staff.storeId, credentialStamp: credentialStamp(staff.passwordHash) });
    return { token, expiresAt: expiresAt.toISOString(), staff: await this.profile(staff) };
  }

  async me(principal: StaffPrincipal): Promise<StaffProfile> {
    return this.profile(await this.require(principal.staffId));
  }

  async changePassword(principal: StaffPrincipal, current: string, next: string, requestId: string): Promise<PasswordChanged> {
    const staff = await this.require(principal.staffId);
    if (!(await this.passwords.compare(current, staff.passwordHash))) throw wrongCurrentPassword();
    const problem = passwordProblem(next, staff.username, { demoAccepted: this.security.demoPasswordAccepted });
    if (problem) throw passwordWeak('newPassword', problem);
    const hash = await this.passwords.hash(next);
    await this.tx.run(async (m) => {
      await this.staffRows.update(m, staff.id, { passwordHash: hash, mustChangePassword: false });
      await this.audit.record(m, { staff: principal, requestId }, { action: 'staff.password_change', targetType: 'staff', targetId: staff.id, summary: `${staff.username} 修改密码` });
    });
    this.standings.forgetStaff(staff.id);
    const { token, expiresAt } = this.tokens.issueStaff({ staffId: staff.id, role: staff.role, storeId: staff.storeId, credentialStamp: credentialStamp(hash) });
    return { ...(await this.profile({ ...staff, mustChangePassword: false })), token, expiresAt: expiresAt.toISOString() };
  }

  /** HQ creates anyone; a manager creates clerks of their own store. Returns the one-time password when none was given. */
  async create(actor: StaffPrincipal | null, request: NewStaff, requestId?: string, manager?: EntityManager): Promise<{ staff: StaffProfile; oneTimePassword: string | null }> {
    const store = await this.stores.byCode(request.storeCode, manager);
    if (!store) throw storeNotFound(request.storeCode);
    if (actor) {
      if (actor.role === StaffRole.CLERK) throw clerksCannotCreateStaff();
      if (actor.role === StaffRole.STORE_MANAGER && request.role !== StaffRole.CLERK) throw managersCreateClerksOnly();
      await this.scope.assertCovers(actor, store.id, `Store ${store.code}`);
    }
    if ((request.role === StaffRole.HQ_ADMIN) !== (store.kind === StoreKind.HQ)) {
      throw roleOutsideItsStore(request.role === StaffRole.HQ_ADMIN);
    }
    const oneTimePassword = request.password ? null : randomBytes(9).toString('base64url');
    const password = request.password ?? (oneTimePassword as string);
    const problem = request.password ? passwordProblem(password, request.username, { demoAccepted: this.security.demoPasswordAccepted }) : null;
    if (problem) throw passwordWeak('password', problem);
    const hash = await this.passwords.hash(password);
    const work = async (m: EntityManager) => {
      try {
        const saved = await this.staffRows.insert(m, {
          username: request.username,
          displayName: request.displayName,
          passwordHash: hash,
          role: request.role,
          storeId: store.id,
          failedLogins: 0,
          lockedUntil: null,
          mustChangePassword: oneTimePassword !== null,
          active: true,
          openid: null,
          createdAt: this.clock.now(),
        });
        await this.audit.record(m, { staff: actor, requestId, storeId: store.id }, { action: 'staff.create', targetType: 'staff', targetId: saved.id, summary: `创建员工 ${saved.username}（${saved.role}，${store.code}）` });
        return saved;
      } catch (error) {
        if (isDuplicateKeyError(error)) throw usernameTaken(request.username);
        throw error;
      }
    };
    const saved = manager ? await work(manager) : await this.tx.run(work);
    return { staff: this.profileWith(saved, store), oneTimePassword };
  }

  async listVisibleTo(actor: StaffPrincipal): Promise<StaffProfile[]> {
    const all = await this.staffRows.all();
    const stores = await this.scope.stores();
    const visible: StaffProfile[] = [];
    for (const s of all) {
      if (await this.scope.covers(actor, s.storeId)) visible.push(this.profileWith(s, stores.get(s.storeId) ?? null));
    }
    return visible;
  }

  async require(id: number): Promise<StaffMember> {
    const staff = await this.staffRows.find(id);
    if (!staff) throw staffNotFound(id);
    return staff;
  }

  private async profile(staff: StaffMember): Promise<StaffProfile> {
    return this.profileWith(staff, (await this.scope.stores()).get(staff.storeId) ?? null);
  }

  private profileWith(staff: StaffMember, store: Store | null): StaffProfile {
    return {
      id: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      store: store ? { id: store.id, code: store.code, name: store.name } : null,
      mustChangePassword: staff.mustChangePassword,
    };
  }
}
