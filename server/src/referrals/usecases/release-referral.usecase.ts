import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReferralFlagReason, ReferralRules, ReferralState } from '@huiyuan/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { withNamedLock } from '../../common/db/named-lock';
import { execute, forUpdate, fromSqlDate, sqlDate } from '../../common/db/sql';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { Clock } from '../../common/time/clock';
import { MemberAccountRepository } from '../../members/member-accounts.repository';
import { PurchaseRefundState } from '../purchase-refund-state';
import { capReached } from '../referral-rules';
import { ReferralPayout } from '../referral-payout';
import { ReferralsService } from '../referrals.service';
import { TrackReferralUseCase } from './track-referral.usecase';

const SWEEP_BATCH = 200;

interface DueReferral {
  id: number;
  referrer_id: number;
  referee_id: number;
  state: ReferralState;
  purchase_id: number | null;
  release_at: Date | string | null;
}

export type ReleaseOutcome = 'not_due' | 'rewarded' | 'flagged' | 'refunded';

/**
 * Pays a qualified referral once it is due, after the abuse checks: the friend is not an existing
 * member under another account (same unionid or phone), and the referrer is within the daily and
 * monthly caps. A failed check flags the referral for HQ instead of paying it.
 */
@Injectable()
export class ReleaseReferralUseCase {
  private readonly logger = new Logger('ReleaseReferral');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: BusinessCalendar,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly referrals: ReferralsService,
    private readonly tracker: TrackReferralUseCase,
    private readonly purchases: PurchaseRefundState,
    private readonly payout: ReferralPayout,
    private readonly accounts: MemberAccountRepository,
  ) {}

  async release(referralId: number): Promise<ReleaseOutcome> {
    const rules = await this.referrals.rules();
    const now = this.clock.now();
    const today = this.calendar.dateOf(now);
    return this.tx.run(async (m) => {
      const peek = await m.query<Array<{ referrer_id: number }>>('SELECT referrer_id FROM referrals WHERE id = ?', [referralId]);
      if (!peek[0]) return 'not_due';
      // The referrer's row lock makes the cap count and the payment one step for each referrer.
      await this.accounts.lock(m, peek[0].referrer_id);
      const rows = await m.query<DueReferral[]>(`SELECT id, referrer_id, referee_id, state, purchase_id, release_at FROM referrals WHERE id = ?${forUpdate(m)}`, [referralId]);
      const r = rows[0];
      if (!r || (r.state !== 'qualified' && r.state !== 'held') || (r.release_at !== null && fromSqlDate(r.release_at) > now)) return 'not_due';

      if (r.purchase_id !== null && (await this.purchases.find(m, Number(r.purchase_id)))?.fullyRefunded !== false) {
        // Refunded in full (or gone): nothing was bought, so the friend may qualify again with a later purchase.
        await execute(m, "UPDATE referrals SET state = 'joined', purchase_id = NULL, release_at = NULL, qualified_at = NULL WHERE id = ?", [r.id]);
        return 'refunded';
      }
      const flag = await this.abuse(m, r, rules, today);
      if (flag) {
        await execute(m, "UPDATE referrals SET state = 'flagged', flag_reason = ?, settled_at = ? WHERE id = ?", [flag, sqlDate(m, now), r.id]);
        return 'flagged';
      }
      await execute(m, "UPDATE referrals SET state = 'rewarded', rewarded_day = ?, settled_at = ? WHERE id = ?", [today, sqlDate(m, now), r.id]);
      await this.payout.pay(m, { id: Number(r.id), referrerId: Number(r.referrer_id), refereeId: Number(r.referee_id) }, rules);
      return 'rewarded';
    });
  }

  /**
   * Releases every referral that is due and creates rows for referred members whose join event
   * was lost, so a lost job never means a lost reward. Runs on one instance at a time.
   */
  async sweep(): Promise<{ recorded: number; released: number }> {
    const done = await withNamedLock(this.dataSource, 'referrals:sweep', 0, async () => {
      const missing = await this.dataSource.query<Array<{ id: number }>>(
        `SELECT m.id FROM members m LEFT JOIN referrals r ON r.referee_id = m.id WHERE m.referrer_id IS NOT NULL AND r.id IS NULL ORDER BY m.id LIMIT ${SWEEP_BATCH}`,
      );
      const rules = await this.referrals.rules();
      for (const m of missing) {
        await this.tracker.recordJoin(Number(m.id));
        if (rules.qualifyingEvent === 'join') await this.tracker.qualify(Number(m.id), 'join');
      }
      const due = await this.dataSource.query<Array<{ id: number }>>(
        `SELECT id FROM referrals WHERE state IN ('qualified', 'held') AND release_at <= ? ORDER BY release_at LIMIT ${SWEEP_BATCH}`,
        [sqlDate(this.dataSource.manager, this.clock.now())],
      );
      let released = 0;
      for (const d of due) {
        try {
          if ((await this.release(Number(d.id))) !== 'not_due') released++;
        } catch (error) {
          this.logger.error({ err: error, referralId: d.id }, 'referral release failed; the next sweep tries again');
        }
      }
      return { recorded: missing.length, released };
    });
    return done?.value ?? { recorded: 0, released: 0 };
  }

  private async abuse(m: EntityManager, r: DueReferral, rules: ReferralRules, today: string): Promise<ReferralFlagReason | null> {
    const identity = await m.query<Array<{ unionid: string | null; phone_hash: string | null }>>('SELECT unionid, phone_hash FROM members WHERE id = ?', [r.referee_id]);
    const { unionid, phone_hash: phoneHash } = identity[0] ?? { unionid: null, phone_hash: null };
    if (unionid && (await m.query('SELECT id FROM members WHERE unionid = ? AND id <> ? LIMIT 1', [unionid, r.referee_id])).length > 0) return 'same_unionid';
    if (phoneHash && (await m.query('SELECT id FROM members WHERE phone_hash = ? AND id <> ? LIMIT 1', [phoneHash, r.referee_id])).length > 0) return 'same_phone';
    const counts = await m.query<Array<{ today: number | null; month: number | null }>>(
      'SELECT SUM(CASE WHEN rewarded_day = ? THEN 1 ELSE 0 END) AS today, COUNT(*) AS month FROM referrals WHERE referrer_id = ? AND rewarded_day >= ? AND rewarded_day <= ?',
      [today, r.referrer_id, `${today.slice(0, 7)}-01`, today],
    );
    return capReached(rules, Number(counts[0]?.today ?? 0), Number(counts[0]?.month ?? 0));
  }
}
