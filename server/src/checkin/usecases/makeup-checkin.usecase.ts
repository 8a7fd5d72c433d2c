import { Injectable } from '@nestjs/common';
import { LedgerEntryType, MakeupCheckinResult } from '@huiyuan/shared-types';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Outcome } from '../../common/http/outcome';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { addDays } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { MemberAccountRepository } from '../../members/member-accounts.repository';
import { memberNotFound } from '../../common/errors/member-not-found';
import { PointsLedger } from '../../points/points-ledger';
import { CheckedDay, currentStreak, makeupRefusal, restreakAfterMakeup, streakOn } from '../checkin-rules';
import { makeupNotAllowed } from '../checkin.errors';
import { CheckinRepository } from '../checkin.repository';
import { CheckinService } from '../checkin.service';

/**
 * 补签: fills a missed day of the current month for points. The filled day awards nothing itself;
 * it joins the days around it into one streak, so the days after it (and the bonuses still to
 * come) continue from it. Bonuses already missed are not paid afterwards.
 */
@Injectable()
export class MakeupCheckinUseCase {
  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly checkins: CheckinService,
    private readonly repository: CheckinRepository,
    private readonly ledger: PointsLedger,
    private readonly accounts: MemberAccountRepository,
  ) {}

  async execute(memberId: number, day: string): Promise<Outcome<MakeupCheckinResult>> {
    const now = this.clock.now();
    const today = this.calendar.dateOf(now);
    const rules = await this.checkins.rules();
    try {
      const result = await this.tx.run(async (m): Promise<MakeupCheckinResult | null> => {
        // The member row lock serialises a member's make-ups, so two at once cannot both take the month's last one.
        const member = await this.accounts.lock(m, memberId);
        if (!member?.active) throw memberNotFound(memberId);
        const joinDay = this.calendar.dateOf(member.joinedAt);
        if (await this.repository.on(m, memberId, day)) return null;
        const used = await this.repository.makeupsBetween(memberId, `${today.slice(0, 7)}-01`, today, m);
        const refusal = makeupRefusal(rules, day, today, joinDay, used);
        if (refusal) throw makeupNotAllowed(refusal, day);

        const filled: CheckedDay = { day, streak: streakOn(day, await this.repository.on(m, memberId, addDays(day, -1)), rules.cycle) };
        await this.repository.insert(m, { memberId, day, kind: 'makeup', streak: filled.streak, points: 0, bonus: 0, growth: 0, costPoints: rules.makeupCostPoints, createdAt: now });
        const after = await this.repository.lockAfter(m, memberId, day, today);
        const restreaked = restreakAfterMakeup(filled, after, rules.cycle);
        for (const changed of restreaked) {
          await this.repository.setStreak(m, memberId, changed.day, changed.streak);
        }
        const latest = after.at(-1);
        const last = latest ? (restreaked.find((c) => c.day === latest.day) ?? latest) : filled;
        const balance =
          rules.makeupCostPoints > 0
            ? (await this.ledger.debit(m, LedgerEntryType.SPEND, rules.makeupCostPoints, { memberId, sourceType: 'checkin_makeup', sourceId: day, reason: `补签 ${day}`, dedupeKey: `makeup:${memberId}:${day}` })).balance
            : await this.ledger.balanceOf(m, memberId);
        return { date: day, streak: filled.streak, costPoints: rules.makeupCostPoints, balance, currentStreak: currentStreak(last, today, rules.cycle) };
      });
      return result ? Outcome.first(result) : Outcome.repeat(await this.checkins.firstMakeupResult(memberId, day));
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return Outcome.repeat(await this.checkins.firstMakeupResult(memberId, day));
    }
  }
}
