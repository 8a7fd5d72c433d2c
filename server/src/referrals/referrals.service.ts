import { Injectable } from '@nestjs/common';
import { MyReferrals, Page, ReferralReview, ReferralRules } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { fromSqlDate } from '../common/db/sql';
import { TransactionRunner } from '../common/db/transaction-runner';
import { memberNotFound } from '../common/errors/member-not-found';
import { MembersRepository } from '../members/members.repository';
import { ProgrammeService } from '../programme/programme.service';
import { DEFAULT_REFERRAL_RULES, invitationState, maskFriendName, referralSharePath } from './referral-rules';
import { ReferralsRepository, ReviewRow } from './referrals.repository';
import { invalidField } from '../common/errors/invalid-field';
import { referralNotFound } from './referrals.errors';

const RULES_KEY = 'referrals';
const INVITATIONS_SHOWN = 100;
const REVIEW_PAGE = 50;

/** Reads for referrals (the member's invitations, HQ's review list) and HQ's edits of the rules. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly repository: ReferralsRepository,
    private readonly members: MembersRepository,
    private readonly tx: TransactionRunner,
    private readonly programme: ProgrammeService,
    private readonly audit: AuditTrail,
  ) {}

  rules(): Promise<ReferralRules> {
    return this.programme.get(RULES_KEY, DEFAULT_REFERRAL_RULES);
  }

  /** Rewards are computed when they are paid, so a change applies to every referral not yet rewarded. */
  async updateRules(staff: StaffPrincipal, rules: ReferralRules, requestId: string): Promise<ReferralRules> {
    const value: ReferralRules = {
      ...rules,
      referrerReward: { ...rules.referrerReward },
      refereeReward: { ...rules.refereeReward },
    };
    const before = await this.rules();
    await this.tx.run(async (m) => {
      await this.programme.set(m, RULES_KEY, value);
      await this.audit.record(m, { staff, requestId }, { action: 'referral_rules.update', targetType: 'programme_setting', targetId: RULES_KEY, summary: '修改邀请奖励规则', before, after: value });
    });
    return value;
  }

  async mine(memberId: number): Promise<MyReferrals> {
    const member = await this.members.inviter(memberId);
    if (!member) throw memberNotFound(memberId);
    const [invitations, totalRewardPoints, rules] = await Promise.all([
      this.repository.invitations(memberId, INVITATIONS_SHOWN),
      this.repository.rewardPointsOf(memberId),
      this.rules(),
    ]);
    const code = member.referralCode;
    return {
      referralCode: code,
      sharePath: referralSharePath(code),
      invitations: invitations.map((i) => ({ friendName: maskFriendName(i.nickname), joinedAt: i.joinedAt.toISOString(), state: invitationState(i.state), rewardPoints: i.points })),
      totalRewardPoints,
      // What the member is promised, so the page can say it in numbers.
      offer: { enabled: rules.enabled, qualifyingEvent: rules.qualifyingEvent, referrerPoints: rules.referrerReward.points ?? 0, refereePoints: rules.refereeReward.points ?? 0 },
    };
  }

  /** Flagged referrals waiting for HQ, oldest first. */
  async reviews(cursor: string | undefined): Promise<Page<ReferralReview>> {
    const after = cursor ? Number(cursor) : 0;
    if (!Number.isInteger(after) || after < 0) throw invalidField('cursor', 'not one this list gave out');
    const rows = await this.repository.flaggedAfter(after, REVIEW_PAGE + 1);
    const items = rows.slice(0, REVIEW_PAGE).map(toReview);
    return { items, nextCursor: rows.length > REVIEW_PAGE ? String(items.at(-1)?.id) : null };
  }

  async review(manager: EntityManager, id: number): Promise<ReferralReview> {
    const row = await this.repository.reviewOf(manager, id);
    if (!row) throw referralNotFound(id);
    return toReview(row);
  }
}

function toReview(row: ReviewRow): ReferralReview {
  return {
    id: Number(row.id),
    state: row.state,
    flagReason: row.flag_reason,
    referrer: { id: Number(row.referrer_id), cardNo: row.referrer_card, nickname: row.referrer_nickname },
    referee: { id: Number(row.referee_id), cardNo: row.referee_card, nickname: row.referee_nickname },
    joinedAt: fromSqlDate(row.joined_at).toISOString(),
    qualifiedAt: row.qualified_at === null ? null : fromSqlDate(row.qualified_at).toISOString(),
  };
}
