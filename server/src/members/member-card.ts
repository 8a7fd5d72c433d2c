import { MemberCard } from '@huiyuan/shared-types';
import { Tier } from '../tiers/entities/tier.entity';
import { TiersService } from '../tiers/tiers.service';
import { Member } from './entities/member.entity';

/** The card as the member sees it. */
export async function toMemberCard(member: Pick<Member, 'id' | 'cardNo' | 'nickname' | 'tierId' | 'pointsBalance' | 'growth' | 'referralCode' | 'createdAt'>, tiers: TiersService): Promise<MemberCard> {
  const tier: Tier = await tiers.byId(member.tierId);
  const view = tiers.toView(tier);
  return {
    id: member.id,
    cardNo: member.cardNo,
    nickname: member.nickname,
    tier: { code: tier.code, name: tier.name, rank: tier.rank, benefits: view.benefits, cardColor: tier.cardColor },
    points: member.pointsBalance,
    growth: member.growth,
    nextTier: await tiers.nextTier(member.tierId, member.growth),
    referralCode: member.referralCode,
    joinedAt: member.createdAt.toISOString(),
  };
}
