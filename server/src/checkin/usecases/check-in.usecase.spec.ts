import { CheckinRules, ErrorCode, LedgerEntryType } from '@huiyuan/shared-types';
import type { EntityManager } from 'typeorm';
import type { TransactionRunner } from '../../common/db/transaction-runner';
import type { DomainEvents } from '../../common/events/domain-events';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { ManualClock } from '../../common/time/clock';
import type { GrowthSource, MemberAccountRepository } from '../../members/member-accounts.repository';
import type { PointsLedger, PostingSource } from '../../points/points-ledger';
import type { MemberStatsEvent } from '../../tags/member-stats-rules';
import type { MemberStatsService } from '../../tags/member-stats.service';
import { DEFAULT_CHECKIN_RULES } from '../checkin-rules';
import type { CheckinRepository } from '../checkin.repository';
import type { CheckinService } from '../checkin.service';
import type { Checkin } from '../entities/checkin.entity';
import { CheckInUseCase } from './check-in.usecase';

/**
 * The check-in use case against in-memory fakes of its repositories and collaborators: the rules of
 * the day (which row, which award, which account call) without a database. The integration suite
 * runs the same flow on SQLite and MySQL.
 */

const manager = {} as EntityManager;
const duplicateKey = () => Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY' });

class FakeCheckins implements Pick<CheckinRepository, 'memberAndYesterday' | 'insert'> {
  readonly rows: Array<Omit<Checkin, 'id'>> = [];
  constructor(private readonly members: Map<number, { tierId: number }>) {}

  async memberAndYesterday(_m: EntityManager, memberId: number, yesterday: string) {
    const member = this.members.get(memberId);
    if (!member) return null;
    const row = this.rows.find((r) => r.memberId === memberId && r.day === yesterday);
    return { tierId: member.tierId, yesterday: row ? { day: row.day, streak: row.streak } : null };
  }

  async insert(_m: EntityManager, checkin: Omit<Checkin, 'id'>): Promise<number> {
    // The (member, day) unique key.
    if (this.rows.some((r) => r.memberId === checkin.memberId && r.day === checkin.day)) throw duplicateKey();
    this.rows.push(checkin);
    return this.rows.length;
  }
}

class FakeAccounts implements Pick<MemberAccountRepository, 'addGrowth'> {
  readonly balances = new Map<number, number>();
  readonly growth: Array<{ memberId: number; amount: number; source: GrowthSource }> = [];

  async addGrowth(_m: EntityManager, memberId: number, amount: number, source: GrowthSource) {
    this.growth.push({ memberId, amount, source });
    return { growth: amount, tier: { id: 1 }, upgradedFrom: null } as unknown as Awaited<ReturnType<MemberAccountRepository['addGrowth']>>;
  }
}

class FakeLedger implements Pick<PointsLedger, 'credit' | 'balanceOf'> {
  readonly credits: Array<{ type: LedgerEntryType; points: number; source: PostingSource; growth?: { amount: number; source: GrowthSource } }> = [];
  constructor(private readonly accounts: FakeAccounts) {}

  async credit(_m: EntityManager, type: LedgerEntryType, points: number, source: PostingSource, also: { growth?: { amount: number; source: GrowthSource } } = {}) {
    this.credits.push({ type, points, source, growth: also.growth });
    const balance = (this.accounts.balances.get(source.memberId) ?? 0) + points;
    this.accounts.balances.set(source.memberId, balance);
    return { entryId: this.credits.length, balance, points } as Awaited<ReturnType<PointsLedger['credit']>>;
  }

  async balanceOf(_m: EntityManager, memberId: number): Promise<number> {
    return this.accounts.balances.get(memberId) ?? 0;
  }
}

function world(rules: Partial<CheckinRules> = {}) {
  const clock = new ManualClock(new Date('2026-03-05T02:00:00Z')); // 10:00 in Shanghai
  const calendar = new BusinessCalendar(clock, { timeZone: 'Asia/Shanghai' });
  const checkins = new FakeCheckins(new Map([[7, { tierId: 1 }]]));
  const accounts = new FakeAccounts();
  accounts.balances.set(7, 100);
  const ledger = new FakeLedger(accounts);
  const published: Array<{ event: string; payload: unknown }> = [];
  const service: Pick<CheckinService, 'rules' | 'tierMultiplierPct' | 'firstResult'> = {
    rules: async () => ({ ...DEFAULT_CHECKIN_RULES, ...rules }),
    tierMultiplierPct: async () => 100,
    firstResult: async (memberId, day) => {
      const row = checkins.rows.find((r) => r.memberId === memberId && r.day === day);
      if (!row) throw new Error('no first check-in');
      return { date: row.day, streak: row.streak, points: row.points, bonus: row.bonus, balance: accounts.balances.get(memberId) ?? 0 };
    },
  };
  const tx: Pick<TransactionRunner, 'run'> = { run: (work) => work(manager) };
  const events: Pick<DomainEvents, 'publish'> = { publish: async (_m, event, payload) => void published.push({ event, payload }) };
  const statsEvents: Array<{ memberId: number; event: MemberStatsEvent }> = [];
  const stats: Pick<MemberStatsService, 'record'> = {
    record: async (_m, memberId, event) => {
      statsEvents.push({ memberId, event });
      return { added: [], removed: [] };
    },
  };
  const useCase = new CheckInUseCase(
    calendar,
    tx as TransactionRunner,
    clock,
    service as CheckinService,
    checkins as unknown as CheckinRepository,
    ledger as unknown as PointsLedger,
    accounts as unknown as MemberAccountRepository,
    events as DomainEvents,
    stats as MemberStatsService,
  );
  return { clock, useCase, checkins, accounts, ledger, published, statsEvents };
}

describe('CheckInUseCase (in-memory fakes)', () => {
  it("records today's row in the business zone, credits the award and publishes member.checked_in", async () => {
    const w = world();
    const outcome = await w.useCase.execute(7);
    expect(outcome).toEqual({ value: { date: '2026-03-05', streak: 1, points: 5, bonus: 0, balance: 105 }, isRepeat: false });
    expect(w.checkins.rows).toMatchObject([{ memberId: 7, day: '2026-03-05', kind: 'daily', streak: 1, points: 5 }]);
    expect(w.ledger.credits).toMatchObject([{ type: LedgerEntryType.EARN, points: 5, source: { memberId: 7, sourceType: 'checkin', dedupeKey: 'checkin:7:2026-03-05' } }]);
    expect(w.published).toEqual([{ event: 'member.checked_in', payload: { memberId: 7, date: '2026-03-05' } }]);
    expect(w.statsEvents).toEqual([{ memberId: 7, event: { kind: 'checkin', day: '2026-03-05' } }]);
  });

  it('continues yesterday’s streak and pays the day-3 bonus', async () => {
    const w = world();
    for (const at of ['2026-03-05T02:00:00Z', '2026-03-06T02:00:00Z', '2026-03-07T02:00:00Z']) {
      w.clock.set(at);
      await w.useCase.execute(7);
    }
    expect(w.checkins.rows.map((r) => [r.day, r.streak, r.points])).toEqual([
      ['2026-03-05', 1, 5],
      ['2026-03-06', 2, 5],
      ['2026-03-07', 3, 15],
    ]);
  });

  it('gives growth with the points to the account, tagged with its source, so it leaves a growth entry', async () => {
    const w = world({ growthPerCheckin: 1500 });
    await w.useCase.execute(7);
    expect(w.ledger.credits[0]?.growth).toEqual({ amount: 1500, source: { type: 'checkin', id: '2026-03-05' } });
  });

  it('sends growth without points through addGrowth (the path that once bypassed the tiers)', async () => {
    const w = world({ basePoints: 0, streakBonuses: [], growthPerCheckin: 1500 });
    const outcome = await w.useCase.execute(7);
    expect(w.ledger.credits).toEqual([]);
    expect(w.accounts.growth).toEqual([{ memberId: 7, amount: 1500, source: { type: 'checkin', id: '2026-03-05' } }]);
    expect(outcome.value).toMatchObject({ points: 0, balance: 100 });
  });

  it('answers a second check-in the same day with the first result, awarding nothing more', async () => {
    const w = world();
    const first = await w.useCase.execute(7);
    w.clock.set('2026-03-05T15:59:59Z'); // 23:59:59 in Shanghai
    const again = await w.useCase.execute(7);
    expect(again).toEqual({ value: first.value, isRepeat: true });
    expect(w.ledger.credits).toHaveLength(1);
  });

  it('refuses a member who does not exist, writing nothing', async () => {
    const w = world();
    await expect(w.useCase.execute(404)).rejects.toMatchObject({ code: ErrorCode.MEMBER_NOT_FOUND });
    expect(w.checkins.rows).toEqual([]);
    expect(w.published).toEqual([]);
  });
});
