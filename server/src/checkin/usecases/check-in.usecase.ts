import { Injectable } from '@nestjs/common';
import { CheckinResult, LedgerEntryType } from '@huiyuan/shared-types';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { DomainEvents } from '../../common/events/domain-events';
import { Outcome } from '../../common/http/outcome';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { addDays } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { MemberAccountRepository } from '../../members/member-accounts.repository';
import { memberNotFound } from '../../common/errors/member-not-found';
import { PointsLedger } from '../../points/points-ledger';
import { MemberStatsService } from '../../tags/member-stats.service';
import { checkinAward, streakOn } from '../checkin-rules';
import { CheckinRepository } from '../checkin.repository';
import { CheckinService } from '../checkin.service';

/**
 * Today's check-in, on the hot path: one read, one insert, the ledger posting. The unique key on
 * (member, day) makes double taps, two devices and retries one check-in; the losers of the race
 * answer with the winner's result.
 */
@Injectable()
export class CheckInUseCase {
  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly checkins: CheckinService,
    private readonly repository: CheckinRepository,
    private readonly ledger: PointsLedger,
    private readonly accounts: MemberAccountRepository,
    private readonly events: DomainEvents,
    private readonly memberStats: MemberStatsService,
  ) {}

  async execute(memberId: number): Promise<Outcome<CheckinResult>> {
    const now = this.clock.now();
    const today = this.calendar.dateOf(now);
    const rules = await this.checkins.rules();
    try {
      const result = await this.tx.run(async (m): Promise<CheckinResult> => {
        const member = await this.repository.memberAndYesterday(m, memberId, addDays(today, -1));
        if (!member) throw memberNotFound(memberId);
        const streak = streakOn(today, member.yesterday, rules.cycle);
        const award = checkinAward(rules, streak, await this.checkins.tierMultiplierPct(rules, member.tierId));
        await this.repository.insert(m, { memberId, day: today, kind: 'daily', streak, points: award.points, bonus: award.bonus, growth: award.growth, costPoints: 0, createdAt: now });
        const growth = { amount: award.growth, source: { type: 'checkin', id: today } };
        const reason = award.bonus > 0 ? `每日签到（连续 ${streak} 天奖励）` : '每日签到';
        await this.events.publish(m, 'member.checked_in', { memberId, date: today });
        let balance: number;
        if (award.points > 0) {
          balance = (await this.ledger.credit(m, LedgerEntryType.EARN, award.points, { memberId, sourceType: 'checkin', sourceId: today, reason, dedupeKey: `checkin:${memberId}:${today}` }, { growth })).balance;
        } else {
          if (award.growth > 0) await this.accounts.addGrowth(m, memberId, growth.amount, growth.source);
          balance = await this.ledger.balanceOf(m, memberId);
        }
        // After the account's UPDATE: the member row is locked first, as every writer locks it.
        await this.memberStats.record(m, memberId, { kind: 'checkin', day: today });
        return { date: today, streak, points: award.points, bonus: award.bonus, balance };
      });
      return Outcome.first(result);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return Outcome.repeat(await this.checkins.firstResult(memberId, today));
    }
  }
}
