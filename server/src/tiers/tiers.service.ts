import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NextTier, Tier as TierView } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import { Tier } from './entities/tier.entity';
import { nextTierFor } from './tier-rules';

const CACHE_MS = 5_000;

/** Reads of the tier table, cached briefly: every card read and purchase needs them. */
@Injectable()
export class TiersService {
  private cached: { tiers: Tier[]; at: number } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all(): Promise<Tier[]> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.tiers;
    const tiers = await this.dataSource.getRepository(Tier).find({ order: { rank: 'ASC' } });
    this.cached = { tiers, at: Date.now() };
    return tiers;
  }

  invalidate(): void {
    this.cached = null;
  }

  async base(): Promise<Tier> {
    const [lowest] = await this.all();
    if (!lowest) throw new Error('no tiers configured: run the migrations, which create the base tier');
    return lowest;
  }

  async byId(id: number): Promise<Tier> {
    const tier = (await this.all()).find((t) => t.id === id);
    if (!tier) throw new Error(`tier ${id} is missing`);
    return tier;
  }

  async nextTier(currentTierId: number, growth: number): Promise<NextTier | null> {
    return nextTierFor(await this.all(), currentTierId, growth);
  }

  toView(tier: Tier): TierView {
    return {
      id: tier.id,
      code: tier.code,
      name: tier.name,
      rank: tier.rank,
      entryGrowth: tier.entryGrowth,
      retainGrowth: tier.retainGrowth,
      benefits: {
        discountPercent: tier.discountPercent,
        pointsMultiplier: tier.pointsMultiplierPct / 100,
        birthdayBonusPoints: tier.birthdayBonusPoints,
        perks: JSON.parse(tier.perksJson) as string[],
      },
      cardColor: tier.cardColor,
    };
  }
}
