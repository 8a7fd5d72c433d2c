import { Injectable } from '@nestjs/common';
import { JoinResponse, PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthTokens } from '../../common/auth/auth-tokens';
import type { MemberPrincipal } from '../../common/auth/principal';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { DomainEvents } from '../../common/events/domain-events';
import { Outcome } from '../../common/http/outcome';
import { Clock } from '../../common/time/clock';
import { StoresService } from '../../stores/stores.service';
import { TiersService } from '../../tiers/tiers.service';
import { Member } from '../entities/member.entity';
import { MemberStatsService } from '../../tags/member-stats.service';
import { MemberLifecycle } from '../member-lifecycle';
import { MembersRepository } from '../members.repository';
import { PhoneVault } from '../phone-vault';
import { parseJoinScene } from '../join-scene';
import { toMemberCard } from '../member-card';
import { newCardNo, newReferralCode } from '../member-identifiers';
import { consentOutdated } from '../members.errors';

const IDENTIFIER_ATTEMPTS = 5;

/**
 * One tap makes a member. The openid is a unique key, so a double tap or two devices give one
 * member: the loser of the race reads the winner's row and answers with it.
 */
@Injectable()
export class JoinMemberUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tiers: TiersService,
    private readonly stores: StoresService,
    private readonly lifecycle: MemberLifecycle,
    private readonly members: MembersRepository,
    private readonly identities: PhoneVault,
    private readonly tokens: AuthTokens,
    private readonly events: DomainEvents,
    private readonly memberStats: MemberStatsService,
  ) {}

  async execute(visitor: MemberPrincipal, scene: string | undefined, consentVersion: string): Promise<Outcome<JoinResponse>> {
    if (consentVersion !== PRIVACY_NOTICE_VERSION) {
      throw consentOutdated(PRIVACY_NOTICE_VERSION);
    }
    const existing = await this.findByOpenid(visitor.openid);
    if (existing) return Outcome.repeat(await this.response(existing, null));

    const parsed = parseJoinScene(scene);
    const notices: string[] = parsed.problem ? [parsed.problem] : [];
    const store = parsed.storeCode ? await this.stores.byCode(parsed.storeCode) : null;
    if (parsed.storeCode && (!store || store.kind !== 'store')) notices.push(`门店 ${parsed.storeCode} 不存在，已为您以无门店方式加入`);
    const referrer = parsed.referralCode ? await this.tx.read((m) => this.members.findBy({ referralCode: parsed.referralCode as string, status: 'active' }, m)) : null;
    if (parsed.referralCode && !referrer) notices.push('邀请码无效，已为您以无邀请人方式加入');

    const baseTier = await this.tiers.base();
    for (let attempt = 1; ; attempt++) {
      try {
        // The answer is built inside the transaction: an Idempotency-Key stores it with the effect.
        const joined = await this.tx.run(async (m) => {
          // A WeChat user who deleted a membership joins again as a new member, but without a second welcome gift or referral reward.
          const returning = await this.members.hadMembership(m, this.identities.identityHashes(visitor.openid, visitor.unionid));
          const referrerId = returning ? null : (referrer?.id ?? null);
          if (returning && referrer) notices.push('您曾注销会员，本次加入不计邀请奖励');
          const id = await this.insertMember(m, visitor, baseTier.id, store?.kind === 'store' ? store.id : null, referrerId);
          await this.lifecycle.joined(m, { memberId: id, storeId: store?.id ?? null, returning });
          await this.memberStats.refresh(m, id);
          const member = await this.members.findBy({ id }, m);
          if (!member) throw new Error(`member ${id} vanished inside the transaction that joined it`);
          await this.events.publish(m, 'member.joined', { memberId: member.id, referrerId: member.referrerId, joinStoreId: member.joinStoreId });
          return this.response(member, notices.length ? notices.join('；') : null);
        });
        return Outcome.first(joined);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const winner = await this.findByOpenid(visitor.openid);
        if (winner) return Outcome.repeat(await this.response(winner, null));
        // A card number or referral code collided (random): draw again.
        if (attempt >= IDENTIFIER_ATTEMPTS) throw error;
      }
    }
  }

  private async insertMember(m: EntityManager, visitor: MemberPrincipal, tierId: number, joinStoreId: number | null, referrerId: number | null): Promise<number> {
    const now = this.clock.now();
    return this.members.insert(m, {
      openid: visitor.openid,
      unionid: visitor.unionid,
      cardNo: newCardNo(),
      nickname: null,
      gender: 'unknown',
      tierId,
      pointsBalance: 0,
      growth: 0,
      joinStoreId,
      referrerId,
      referralCode: newReferralCode(),
      codeSecret: randomBytes(24).toString('base64url'),
      consentVersion: PRIVACY_NOTICE_VERSION,
      consentedAt: now,
      status: 'active',
      createdAt: now,
    });
  }

  private findByOpenid(openid: string): Promise<Member | null> {
    return this.tx.read((m) => this.members.findBy({ openid }, m));
  }

  private async response(member: Member, attributionNotice: string | null): Promise<JoinResponse> {
    return { member: await toMemberCard(member, this.tiers), attributionNotice, token: this.tokens.issueMember(member.openid as string, member.id, member.unionid).token };
  }
}
