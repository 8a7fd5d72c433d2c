import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CouponKind, CouponStatus, CouponTemplateSort } from '@huiyuan/shared-types';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { execute, findRow, insertRow, likeLiteral, sqlDate } from '../common/db/sql';
import { claimNumberedSlot } from '../common/db/numbered-slot';
import { CouponClaim } from './entities/coupon-claim.entity';
import { CouponTemplate } from './entities/coupon-template.entity';
import { CouponVerification } from './entities/coupon-verification.entity';
import { Coupon } from './entities/coupon.entity';

export interface TemplateFilter {
  titleLike?: string;
  kind?: CouponKind;
  active?: boolean;
  /** null: HQ's templates only; a store id: that store's own only. */
  owner?: null | number | 'any-store';
  /** A store's staff: HQ's templates and this store's own, nothing else. */
  visibleToStoreId?: number;
}

// The id last keeps pages stable among equal titles.
const TEMPLATE_ORDER: Record<CouponTemplateSort, Array<[string, 'ASC' | 'DESC']>> = {
  newest: [['t.id', 'DESC']],
  title: [['t.title', 'ASC'], ['t.id', 'ASC']],
};

export interface StorePairUse {
  issuedStoreId: number;
  usedStoreId: number;
  count: number;
  cashOffCents: number;
}

/** Every statement on `coupons`, `coupon_templates`, `coupon_claims` and `coupon_verifications`. */
@Injectable()
export class CouponsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  template(id: number, manager: EntityManager = this.dataSource.manager): Promise<CouponTemplate | null> {
    return findRow(manager, CouponTemplate, { id });
  }

  templates(ids: number[]): Promise<CouponTemplate[]> {
    return ids.length ? this.dataSource.manager.findBy(CouponTemplate, { id: In(ids) }) : Promise.resolve([]);
  }

  /** A page of the filtered templates and how many match. */
  async templatePage(f: TemplateFilter, sort: CouponTemplateSort, offset: number, limit: number): Promise<{ rows: CouponTemplate[]; total: number }> {
    const q = this.dataSource.createQueryBuilder(CouponTemplate, 't');
    if (f.titleLike) q.andWhere("t.title LIKE :title ESCAPE '!'", { title: `%${likeLiteral(f.titleLike)}%` });
    if (f.kind) q.andWhere('t.kind = :kind', { kind: f.kind });
    if (f.active !== undefined) q.andWhere('t.active = :active', { active: f.active });
    if (f.owner === null) q.andWhere('t.owner_store_id IS NULL');
    else if (f.owner === 'any-store') q.andWhere('t.owner_store_id IS NOT NULL');
    else if (f.owner !== undefined) q.andWhere('t.owner_store_id = :owner', { owner: f.owner });
    if (f.visibleToStoreId !== undefined) q.andWhere('(t.owner_store_id IS NULL OR t.owner_store_id = :mine)', { mine: f.visibleToStoreId });
    const total = await q.clone().getCount();
    for (const [column, direction] of TEMPLATE_ORDER[sort]) q.addOrderBy(column, direction);
    return { rows: await q.offset(offset).limit(limit).getMany(), total };
  }

  async insertTemplate(manager: EntityManager, template: Omit<CouponTemplate, 'id'>): Promise<CouponTemplate> {
    return manager.save(manager.create(CouponTemplate, template));
  }

  async updateTemplate(manager: EntityManager, id: number, changes: Partial<Omit<CouponTemplate, 'id'>>): Promise<CouponTemplate> {
    await manager.update(CouponTemplate, { id }, changes);
    return manager.findOneByOrFail(CouponTemplate, { id });
  }

  /** Only a capped template keeps a count; false when the stock is gone. Last in its transaction: the row is hot. */
  async countIssue(manager: EntityManager, templateId: number): Promise<boolean> {
    return (await execute(manager, 'UPDATE coupon_templates SET issued_count = issued_count + 1 WHERE id = ? AND issued_count < total_stock', [templateId])) === 1;
  }

  /** Uncapped templates keep no counter, so their coupons are counted. */
  async issuedCounts(templateIds: number[]): Promise<Map<number, number>> {
    if (templateIds.length === 0) return new Map();
    const rows: Array<{ template_id: number; n: number | string }> = await this.dataSource
      .createQueryBuilder()
      .select('template_id', 'template_id')
      .addSelect('COUNT(*)', 'n')
      .from('coupons', 'c')
      .where('template_id IN (:...ids)', { ids: templateIds })
      .groupBy('template_id')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.template_id), Number(r.n)]));
  }

  /** The code's unique key refuses a collision: the caller draws another. */
  insertCoupon(manager: EntityManager, coupon: Omit<Coupon, 'id'>): Promise<number> {
    return insertRow(manager, Coupon, coupon);
  }

  coupon(id: number, manager: EntityManager = this.dataSource.manager): Promise<Coupon | null> {
    return findRow(manager, Coupon, { id });
  }

  couponByCode(code: string): Promise<Coupon | null> {
    return findRow(this.dataSource.manager, Coupon, { code });
  }

  couponOf(memberId: number, id: number): Promise<Coupon | null> {
    return findRow(this.dataSource.manager, Coupon, { id, memberId });
  }

  coupons(ids: number[]): Promise<Coupon[]> {
    return ids.length ? this.dataSource.manager.findBy(Coupon, { id: In(ids) }) : Promise.resolve([]);
  }

  /** A member's coupons newest first; an active coupon past its end counts as expired before the expiry job marks it. */
  wallet(memberId: number, status: CouponStatus, now: Date, beforeId: number | undefined, limit: number): Promise<Coupon[]> {
    const query = this.dataSource.createQueryBuilder(Coupon, 'c').where('c.memberId = :memberId', { memberId });
    if (status === 'active') query.andWhere("c.status = 'active' AND c.expiresAt > :now", { now });
    if (status === 'used') query.andWhere("c.status = 'used'");
    if (status === 'expired') query.andWhere(new Brackets((q) => q.where("c.status = 'expired'").orWhere("c.status = 'active' AND c.expiresAt <= :now", { now })));
    if (beforeId) query.andWhere('c.id < :beforeId', { beforeId });
    return query.orderBy('c.id', 'DESC').take(limit).getMany();
  }

  /** The coupon is used once: the status guard makes a second verification change nothing (false). */
  async markUsed(manager: EntityManager, id: number, use: { at: Date; staffId: number; storeId: number }): Promise<boolean> {
    const used = await execute(manager, "UPDATE coupons SET status = 'used', used_at = ?, used_by_staff_id = ?, used_store_id = ? WHERE id = ? AND status = 'active' AND expires_at > ?", [
      sqlDate(manager, use.at),
      use.staffId,
      use.storeId,
      id,
      sqlDate(manager, use.at),
    ]);
    return used === 1;
  }

  async markUnused(manager: EntityManager, id: number): Promise<boolean> {
    return (await execute(manager, "UPDATE coupons SET status = 'active', used_at = NULL, used_store_id = NULL, used_by_staff_id = NULL WHERE id = ? AND status = 'used'", [id])) === 1;
  }

  async dueForExpiry(now: Date, limit: number): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.dataSource.query(`SELECT id FROM coupons WHERE status = 'active' AND expires_at <= ? ORDER BY id LIMIT ${limit}`, [sqlDate(this.dataSource.manager, now)]);
    return rows.map((r) => Number(r.id));
  }

  /** The status guard leaves alone a coupon verified since it was found due. */
  async expire(manager: EntityManager, ids: number[], now: Date): Promise<number> {
    return execute(manager, `UPDATE coupons SET status = 'expired' WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = 'active' AND expires_at <= ?`, [...ids, sqlDate(manager, now)]);
  }

  /** Coupons a store gave that were used at another, per pair, in [from, to). */
  async usedAcrossStores(from: Date, to: Date): Promise<StorePairUse[]> {
    const rows: Array<{ issued_store_id: number; used_store_id: number; n: number | string; cash: number | string | null }> = await this.dataSource.query(
      `SELECT issued_store_id, used_store_id, COUNT(*) AS n, SUM(CASE WHEN kind = 'cash' THEN amount_cents ELSE 0 END) AS cash
       FROM coupons
       WHERE status = 'used' AND used_at >= ? AND used_at < ? AND issued_store_id IS NOT NULL AND used_store_id <> issued_store_id
       GROUP BY issued_store_id, used_store_id`,
      [sqlDate(this.dataSource.manager, from), sqlDate(this.dataSource.manager, to)],
    );
    return rows.map((r) => ({ issuedStoreId: Number(r.issued_store_id), usedStoreId: Number(r.used_store_id), count: Number(r.n), cashOffCents: Number(r.cash ?? 0) }));
  }

  /**
   * The next free slot of a per-member allowance (`period` 'all' or a day); null when every one is
   * taken. Racing requests cannot both take one slot (its unique key), so no lock is needed.
   */
  async claim(manager: EntityManager, claim: { templateId: number; memberId: number; period: string; couponCode: string; at: Date }, limit: number): Promise<number | null> {
    const rows: Array<{ n: number | string }> = await manager.query('SELECT COUNT(*) AS n FROM coupon_claims WHERE template_id = ? AND member_id = ? AND period = ?', [claim.templateId, claim.memberId, claim.period]);
    return claimNumberedSlot(manager, CouponClaim, Number(rows[0]?.n ?? 0), limit, (seq) => ({ templateId: claim.templateId, memberId: claim.memberId, period: claim.period, seq, couponCode: claim.couponCode, createdAt: claim.at }));
  }

  insertVerification(manager: EntityManager, verification: Omit<CouponVerification, 'id'>): Promise<number> {
    return insertRow(manager, CouponVerification, verification);
  }

  verification(id: number, manager: EntityManager = this.dataSource.manager): Promise<CouponVerification | null> {
    return findRow(manager, CouponVerification, { id });
  }

  verificationsAt(storeId: number, from: Date, to: Date, afterId: number | undefined, limit: number): Promise<CouponVerification[]> {
    const query = this.dataSource.createQueryBuilder(CouponVerification, 'v').where('v.storeId = :storeId AND v.verifiedAt >= :from AND v.verifiedAt < :to', { storeId, from, to });
    if (afterId) query.andWhere('v.id > :afterId', { afterId });
    return query.orderBy('v.id', 'ASC').take(limit).getMany();
  }

  /** How many verifications the store made in [from, to): the day list's total (ix_coupon_verifications_store_time covers it). */
  countVerificationsAt(storeId: number, from: Date, to: Date): Promise<number> {
    return this.dataSource.createQueryBuilder(CouponVerification, 'v').where('v.storeId = :storeId AND v.verifiedAt >= :from AND v.verifiedAt < :to', { storeId, from, to }).getCount();
  }

  /** Undone once: false when it already was. */
  async undoVerification(manager: EntityManager, id: number, staffId: number, at: Date): Promise<boolean> {
    return (await execute(manager, 'UPDATE coupon_verifications SET undone_at = ?, undone_by_staff_id = ? WHERE id = ? AND undone_at IS NULL', [sqlDate(manager, at), staffId, id])) === 1;
  }
}
