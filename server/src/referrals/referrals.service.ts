import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, MyReferrals, Page, ReferralFlagReason, ReferralReview, ReferralRules, ReferralState } from '@huiyuan/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { fromSqlDate } from '../common/db/sql';
import { TransactionRunner } from '../common/db/transaction-runner';
import { AppError } from '../common/errors/app-error';
import { memberNotFound } from '../members/members.errors';
import { ProgrammeService } from '../programme/programme.service';
import { DEFAULT_REFERRAL_RULES, invitationState, maskFriendName, referralSharePath } from './referral-rules';

const RULES_KEY = 'referrals';
const INVITATIONS_SHOWN = 100;
const REVIEW_PAGE = 50;

interface ReviewRow {
  id: number;
  state: ReferralState;
  flag_reason: ReferralFlagReason | null;
  joined_at: Date | string;
  qualified_at: Date | string | null;
  referrer_id: number;
  referrer_card: string;
  referrer_nickname: string | null;
  referee_id: number;
  referee_card: string;
  referee_nickname: string | null;
}

/** Reads for referrals (the member's invitations, HQ's review list) and HQ's edits of the rules. */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const members = await this.dataSource.query<Array<{ referral_code: string }>>("SELECT referral_code FROM members WHERE id = ? AND status = 'active'", [memberId]);
    if (!members[0]) throw memberNotFound(`id ${memberId}`);
    const [invitations, totals, rules] = await Promise.all([
      this.dataSource.query<Array<{ state: ReferralState; joined_at: Date | string; nickname: string | null; points: number | null }>>(
        `SELECT r.state, r.joined_at, m.nickname, w.points FROM referrals r
         JOIN members m ON m.id = r.referee_id
         LEFT JOIN referral_rewards w ON w.referral_id = r.id AND w.role = 'referrer'
         WHERE r.referrer_id = ? ORDER BY r.id DESC LIMIT ${INVITATIONS_SHOWN}`,
        [memberId],
      ),
      this.dataSource.query<Array<{ total: number | null }>>('SELECT SUM(points) AS total FROM referral_rewards WHERE member_id = ?', [memberId]),
      this.rules(),
    ]);
    const code = members[0].referral_code;
    return {
      referralCode: code,
      sharePath: referralSharePath(code),
      invitations: invitations.map((i) => ({ friendName: maskFriendName(i.nickname), joinedAt: fromSqlDate(i.joined_at).toISOString(), state: invitationState(i.state), rewardPoints: Number(i.points ?? 0) })),
      totalRewardPoints: Number(totals[0]?.total ?? 0),
      // What the member is promised, so the page can say it in numbers.
      offer: { enabled: rules.enabled, qualifyingEvent: rules.qualifyingEvent, referrerPoints: rules.referrerReward.points ?? 0, refereePoints: rules.refereeReward.points ?? 0 },
    };
  }

  /** Flagged referrals waiting for HQ, oldest first. */
  async reviews(cursor: string | undefined): Promise<Page<ReferralReview>> {
    const after = cursor ? Number(cursor) : 0;
    if (!Number.isInteger(after) || after < 0) throw new AppError(ErrorCode.VALIDATION_FAILED, 'cursor: not one this list gave out');
    const rows = await this.reviewRows(this.dataSource.manager, "r.state = 'flagged' AND r.id > ?", [after], REVIEW_PAGE + 1);
    const items = rows.slice(0, REVIEW_PAGE).map(toReview);
    return { items, nextCursor: rows.length > REVIEW_PAGE ? String(items.at(-1)?.id) : null };
  }

  async review(manager: EntityManager, id: number): Promise<ReferralReview> {
    const [row] = await this.reviewRows(manager, 'r.id = ?', [id], 1);
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `Referral ${id} does not exist`);
    return toReview(row);
  }

  private reviewRows(manager: EntityManager, where: string, parameters: unknown[], limit: number): Promise<ReviewRow[]> {
    return manager.query<ReviewRow[]>(
      `SELECT r.id, r.state, r.flag_reason, r.joined_at, r.qualified_at,
              a.id AS referrer_id, a.card_no AS referrer_card, a.nickname AS referrer_nickname,
              b.id AS referee_id, b.card_no AS referee_card, b.nickname AS referee_nickname
       FROM referrals r JOIN members a ON a.id = r.referrer_id JOIN members b ON b.id = r.referee_id
       WHERE ${where} ORDER BY r.id LIMIT ${limit}`,
      parameters,
    );
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
