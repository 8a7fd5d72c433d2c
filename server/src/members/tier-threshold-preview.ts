import { Injectable } from '@nestjs/common';
import { TierPreview } from '@huiyuan/shared-types';
import { tierForGrowth } from '../tiers/tier-rules';
import { TiersService } from '../tiers/tiers.service';
import { MemberAccountRepository } from './member-accounts.repository';

/** "If thresholds were X, how many members would be in each tier", from current growth values. */
@Injectable()
export class TierThresholdPreview {
  constructor(
    private readonly tiers: TiersService,
    private readonly accounts: MemberAccountRepository,
  ) {}

  async counts(thresholds: Array<{ code: string; entryGrowth: number }>): Promise<TierPreview> {
    const tiers = (await this.tiers.all()).map((t) => ({ ...t, entryGrowth: thresholds.find((x) => x.code === t.code)?.entryGrowth ?? t.entryGrowth }));
    const counts = new Map(tiers.map((t) => [t.code, 0]));
    for (const { growth, members } of await this.accounts.growthDistribution()) {
      const tier = tierForGrowth(tiers, growth);
      counts.set(tier.code, (counts.get(tier.code) ?? 0) + members);
    }
    return { counts: tiers.map((t) => ({ code: t.code, name: t.name, members: counts.get(t.code) ?? 0 })) };
  }
}
