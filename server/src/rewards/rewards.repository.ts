import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RewardSort } from '@huiyuan/shared-types';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { execute, findRow, insertRow, likeLiteral } from '../common/db/sql';
import { claimNumberedSlot } from '../common/db/numbered-slot';
import { RewardRedemption } from './entities/reward-redemption.entity';
import { Reward } from './entities/reward.entity';

// The id last keeps pages stable among equal values.
const REWARD_ORDER: Record<RewardSort, Array<[string, 'ASC' | 'DESC']>> = {
  mall_order: [['r.sortOrder', 'ASC'], ['r.id', 'ASC']],
  points_asc: [['r.pointsPrice', 'ASC'], ['r.id', 'ASC']],
  points_desc: [['r.pointsPrice', 'DESC'], ['r.id', 'DESC']],
  stock_left_asc: [['r.stockLeft', 'ASC'], ['r.id', 'ASC']],
};

/** Every statement on `rewards` and `reward_redemptions`. */
@Injectable()
export class RewardsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: number, manager: EntityManager = this.dataSource.manager): Promise<Reward | null> {
    return findRow(manager, Reward, { id });
  }

  /** HQ's editor list: a page of the filtered items and how many match. */
  async page(filter: { titleLike?: string; active?: boolean }, sort: RewardSort, offset: number, limit: number): Promise<{ rows: Reward[]; total: number }> {
    const q = this.dataSource.createQueryBuilder(Reward, 'r');
    if (filter.titleLike) q.andWhere("r.title LIKE :title ESCAPE '!'", { title: `%${likeLiteral(filter.titleLike)}%` });
    if (filter.active !== undefined) q.andWhere('r.active = :active', { active: filter.active });
    const total = await q.clone().getCount();
    for (const [column, direction] of REWARD_ORDER[sort]) q.addOrderBy(column, direction);
    const rows = await q.offset(offset).limit(limit).getMany();
    return { rows, total };
  }

  /** On sale at `now`, in HQ's order, after the (sortOrder, id) cursor; `id` narrows it to one. */
  onSale(now: Date, options: { after?: { sortOrder: number; id: number }; id?: number; limit: number }): Promise<Reward[]> {
    const query = this.dataSource
      .createQueryBuilder(Reward, 'r')
      .where('r.active = :active', { active: true })
      .andWhere('(r.onAt IS NULL OR r.onAt <= :now) AND (r.offAt IS NULL OR r.offAt > :now)', { now });
    const after = options.after;
    if (after) query.andWhere(new Brackets((q) => q.where('r.sortOrder > :sortOrder', after).orWhere('r.sortOrder = :sortOrder AND r.id > :id', after)));
    if (options.id !== undefined) query.andWhere('r.id = :rewardId', { rewardId: options.id });
    return query.orderBy('r.sortOrder', 'ASC').addOrderBy('r.id', 'ASC').take(options.limit).getMany();
  }

  insert(manager: EntityManager, reward: Omit<Reward, 'id'>): Promise<Reward> {
    return manager.save(manager.create(Reward, reward));
  }

  async update(manager: EntityManager, id: number, changes: Partial<Omit<Reward, 'id'>>): Promise<Reward> {
    await manager.update(Reward, { id }, changes);
    return manager.findOneByOrFail(Reward, { id });
  }

  /** A new total moves what is left by the difference; false when that would go below zero (more were redeemed). */
  async restock(manager: EntityManager, id: number, total: number): Promise<boolean> {
    return (await execute(manager, 'UPDATE rewards SET stock_left = stock_left + ? - stock_total, stock_total = ? WHERE id = ? AND stock_left + ? - stock_total >= 0', [total, total, id, total])) === 1;
  }

  /** One off the stock by conditional update; false when it is gone. Last in its transaction: the row is hot. */
  async takeOne(manager: EntityManager, id: number): Promise<boolean> {
    return (await execute(manager, 'UPDATE rewards SET stock_left = stock_left - 1 WHERE id = ? AND stock_left > 0', [id])) === 1;
  }

  /**
   * The member's redemption row: unnumbered when the reward has no per-member limit, else the next
   * free of `limit` numbered slots (null when all are taken).
   */
  async claim(manager: EntityManager, redemption: { rewardId: number; memberId: number; points: number; at: Date }, limit: number): Promise<number | null> {
    const row = (seq: number | null) => ({ rewardId: redemption.rewardId, memberId: redemption.memberId, seq, points: redemption.points, createdAt: redemption.at });
    if (limit === 0) return insertRow(manager, RewardRedemption, row(null));
    const counted: Array<{ n: number | string }> = await manager.query('SELECT COUNT(*) AS n FROM reward_redemptions WHERE reward_id = ? AND member_id = ?', [redemption.rewardId, redemption.memberId]);
    return claimNumberedSlot(manager, RewardRedemption, Number(counted[0]?.n ?? 0), limit, row);
  }
}
