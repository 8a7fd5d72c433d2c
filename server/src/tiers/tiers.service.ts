import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { NextTier, Tier as TierView } from '@huiyuan/shared-types';
import { Tier } from './entities/tier.entity';
import { nextTierFor } from './tier-rules';
import { TiersRepository } from './tiers.repository';

import { RefreshingCache } from '../common/cache/refreshing-cache';

const CACHE_MS = 5_000;

/** Reads of the tier table, cached briefly: every card read and purchase needs them. */
@Injectable()
export class TiersService implements OnApplicationBootstrap {
  private readonly cache: RefreshingCache<Tier[]>;

  constructor(repository: TiersRepository) {
    this.cache = new RefreshingCache(() => repository.all(), CACHE_MS);
  }

  all(): Promise<Tier[]> {
    return this.cache.get();
  }

  /** Loaded before the first request, so no transaction waits on a pool connection to fill it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.cache.get();
  }

  invalidate(): void {
    this.cache.invalidate();
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
