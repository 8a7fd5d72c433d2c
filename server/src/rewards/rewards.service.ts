import { Injectable } from '@nestjs/common';
import { CountedPage, Page, REWARD_IMAGE_PATH, Reward as RewardView, RewardRequest, RewardSort, StaffReward, StaffRewardQuery } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { faceText, validityText } from '../coupons/coupon-rules';
import { CouponViews, templateValidity } from '../coupons/coupon-views';
import { CouponsRepository } from '../coupons/coupons.repository';
import { CouponTemplate } from '../coupons/entities/coupon-template.entity';
import { TiersService } from '../tiers/tiers.service';
import { Reward } from './entities/reward.entity';
import { RewardImageStore } from './reward-image-store';
import { rewardNotAvailable, rewardNotFound } from './rewards.errors';
import { RewardsRepository } from './rewards.repository';
import { invalidField } from '../common/errors/invalid-field';

/** The points mall as members see it, and HQ's editor. */
@Injectable()
export class RewardsService {
  constructor(
    private readonly repository: RewardsRepository,
    private readonly coupons: CouponsRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tiers: TiersService,
    private readonly views: CouponViews,
    private readonly audit: AuditTrail,
    private readonly calendar: BusinessCalendar,
    private readonly images: RewardImageStore,
  ) {}

  /** What is on sale now, in HQ's order; sold-out items stay listed (with stockLeft 0). */
  async onSale(cursor: string | undefined, limit: number): Promise<Page<RewardView>> {
    const [sortOrder, id] = cursor ? cursor.split('.').map(Number) : [];
    const after = sortOrder !== undefined && id !== undefined ? { sortOrder, id } : undefined;
    const rows = await this.repository.onSale(this.clock.now(), { after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: await this.toViews(page), nextCursor: rows.length > limit && last ? `${last.sortOrder}.${last.id}` : null };
  }

  async detail(id: number): Promise<RewardView> {
    const [reward] = await this.repository.onSale(this.clock.now(), { id, limit: 1 });
    if (!reward) throw rewardNotFound(id);
    const [view] = await this.toViews([reward]);
    return view as RewardView;
  }

  /** The reward a member asks to redeem, refused with the reason when it is not on sale to them. */
  async requireRedeemable(id: number, memberTierId: number): Promise<Reward> {
    const reward = await this.repository.find(id);
    if (!reward) throw rewardNotFound(id);
    const now = this.clock.now().getTime();
    if (!reward.active || (reward.offAt && reward.offAt.getTime() <= now)) throw rewardNotAvailable(reward.title, 'it is no longer in the mall');
    if (reward.onAt && reward.onAt.getTime() > now) throw rewardNotAvailable(reward.title, `it goes on sale at ${reward.onAt.toISOString()}`);
    if (reward.minTierRank !== null && (await this.tiers.byId(memberTierId)).rank < reward.minTierRank) {
      throw rewardNotAvailable(reward.title, `it is for ${(await this.minTier(reward.minTierRank))?.name ?? 'higher tier'} members and above`);
    }
    return reward;
  }

  /** HQ's editor list, paged by offset (the cursor) for the console's pager. */
  async list(query: StaffRewardQuery): Promise<CountedPage<StaffReward>> {
    const offset = query.cursor ? Number(query.cursor) : 0;
    const filter = { titleLike: query.q?.trim() || undefined, active: query.status === undefined ? undefined : query.status === 'active' };
    const { rows, total } = await this.repository.page(filter, query.sort ?? RewardSort.MALL_ORDER, offset, query.limit ?? 20);
    const next = offset + rows.length;
    return { items: await this.toStaffViews(rows), total, nextCursor: next < total ? String(next) : null };
  }

  async create(staff: StaffPrincipal | null, request: RewardRequest, requestId?: string): Promise<StaffReward> {
    const now = this.clock.now();
    await this.assertImage(request.imageUrl);
    const reward = await this.tx.run(async (m) => {
      await this.assertMallTemplate(m, request.couponTemplateId);
      const values = this.values(request);
      const saved = await this.repository.insert(m, { ...values, stockTotal: request.stock, stockLeft: request.stock, createdAt: now, updatedAt: now });
      await this.audit.record(m, { staff, requestId }, { action: 'reward.create', targetType: 'reward', targetId: saved.id, summary: `上架积分商品 ${saved.title}`, after: { ...values, stock: request.stock } });
      return saved;
    });
    const [view] = await this.toStaffViews([reward]);
    return view as StaffReward;
  }

  /** A new total stock moves what is left by the difference; it cannot go below what was redeemed. */
  async update(staff: StaffPrincipal, id: number, request: RewardRequest, requestId: string): Promise<StaffReward> {
    await this.assertImage(request.imageUrl);
    const reward = await this.tx.run(async (m) => {
      const before = await this.repository.find(id, m);
      if (!before) throw rewardNotFound(id);
      await this.assertMallTemplate(m, request.couponTemplateId);
      if (!(await this.repository.restock(m, id, request.stock))) throw invalidField('stock', `${before.stockTotal - before.stockLeft} have been redeemed already`);
      const values = this.values(request);
      const updated = await this.repository.update(m, id, { ...values, updatedAt: this.clock.now() });
      await this.audit.record(m, { staff, requestId }, { action: 'reward.update', targetType: 'reward', targetId: id, summary: `修改积分商品 ${values.title}`, before, after: { ...values, stock: request.stock } });
      return updated;
    });
    const [view] = await this.toStaffViews([reward]);
    return view as StaffReward;
  }

  /** A mall coupon is valid at HQ's chosen stores: a store's own template or an 'issuing store' one has no store to be valid at. */
  private async assertMallTemplate(m: EntityManager, templateId: number): Promise<void> {
    const template = await this.coupons.template(templateId, m);
    if (!template) throw invalidField('couponTemplateId', `no coupon template ${templateId}`);
    if (template.ownerStoreId !== null || template.storeScope === 'issuing') {
      throw invalidField('couponTemplateId', "the mall needs an HQ template valid at all or listed stores, not a store's own or 'issuing store' one");
    }
  }

  /** An uploaded picture must be here before a reward shows it, or members would see a broken image. */
  private async assertImage(imageUrl: string | null | undefined): Promise<void> {
    if (!imageUrl?.startsWith(REWARD_IMAGE_PATH)) return;
    if (!(await this.images.exists(imageUrl.slice(REWARD_IMAGE_PATH.length)))) {
      throw invalidField('imageUrl', `no uploaded image ${imageUrl}; upload it first (POST /api/v1/staff/rewards/images)`);
    }
  }

  private values(request: RewardRequest) {
    if (request.onAt && request.offAt && Date.parse(request.offAt) <= Date.parse(request.onAt)) throw invalidField('offAt', 'must be after onAt');
    return {
      title: request.title,
      description: request.description ?? '',
      imageUrl: request.imageUrl ?? null,
      pointsPrice: request.pointsPrice,
      couponTemplateId: request.couponTemplateId,
      perMemberLimit: request.perMemberLimit ?? 0,
      minTierRank: request.minTierRank ?? null,
      sortOrder: request.sortOrder ?? 0,
      onAt: request.onAt ? new Date(request.onAt) : null,
      offAt: request.offAt ? new Date(request.offAt) : null,
      active: request.active ?? true,
    };
  }

  private async minTier(rank: number) {
    return (await this.tiers.all()).find((t) => t.rank >= rank) ?? null;
  }

  private async toViews(rewards: Reward[]): Promise<RewardView[]> {
    const templates = new Map((await this.coupons.templates([...new Set(rewards.map((r) => r.couponTemplateId))])).map((t) => [t.id, t]));
    return Promise.all(
      rewards.map(async (r) => {
        const template = templates.get(r.couponTemplateId) as CouponTemplate;
        const tier = r.minTierRank === null ? null : await this.minTier(r.minTierRank);
        return {
          id: r.id,
          title: r.title,
          description: r.description,
          pointsPrice: r.pointsPrice,
          stockLeft: r.stockLeft,
          perMemberLimit: r.perMemberLimit,
          imageUrl: r.imageUrl,
          couponTemplate: {
            id: template.id,
            kind: template.kind,
            faceText: faceText(template),
            validityText: validityText(templateValidity(template), this.calendar.timeZone),
            storesText: await this.views.storesText(template, null),
          },
          minTier: tier ? { code: tier.code, name: tier.name, rank: tier.rank } : null,
        };
      }),
    );
  }

  private async toStaffViews(rewards: Reward[]): Promise<StaffReward[]> {
    const views = await this.toViews(rewards);
    return rewards.map((r, i) => ({
      ...(views[i] as RewardView),
      stock: r.stockTotal,
      redeemed: r.stockTotal - r.stockLeft,
      minTierRank: r.minTierRank,
      sortOrder: r.sortOrder,
      onAt: r.onAt?.toISOString() ?? null,
      offAt: r.offAt?.toISOString() ?? null,
      active: r.active,
    }));
  }
}
