import { Text, View } from '@tarojs/components'
import type { Tier, TierBenefits } from '@huiyuan/shared-types'
import { cardTheme } from '../../lib/colors'
import './index.scss'

export const tierCopy = {
  entry: (growth: number) => (growth > 0 ? `成长值达到 ${growth}` : '入会即享'),
  current: '当前等级',
  discount: (percent: number) => `消费享 ${percent / 10} 折`,
  multiplier: (m: number) => `积分 ${m} 倍累积`,
  birthdayBonus: (p: number) => `生日当月赠送 ${p} 积分`,
} as const

/** A tier's benefits in words, numbers first. */
export function benefitLines(benefits: TierBenefits): string[] {
  return [
    ...(benefits.discountPercent < 100 ? [tierCopy.discount(benefits.discountPercent)] : []),
    ...(benefits.pointsMultiplier > 1 ? [tierCopy.multiplier(benefits.pointsMultiplier)] : []),
    ...(benefits.birthdayBonusPoints > 0 ? [tierCopy.birthdayBonus(benefits.birthdayBonusPoints)] : []),
    ...benefits.perks,
  ]
}

/** Every tier in its own card colour with what it gives; the member's own tier is marked. */
export function TierLadder({ tiers, currentCode }: { tiers: Tier[]; currentCode?: string }) {
  return (
    <View className='tier-ladder'>
      {tiers.map((tier) => {
        const theme = cardTheme(tier.cardColor)
        return (
          <View key={tier.code} className='tier-ladder__tier' data-tier={tier.code}>
            <View className='tier-ladder__badge' style={{ background: theme.background, color: theme.text }}>
              <Text className='tier-ladder__name'>{tier.name}</Text>
              <Text className='tier-ladder__entry' style={{ color: theme.soft }}>{tierCopy.entry(tier.entryGrowth)}</Text>
              {tier.code === currentCode && <Text className='tier-ladder__current'>{tierCopy.current}</Text>}
            </View>
            <View className='tier-ladder__benefits'>
              {benefitLines(tier.benefits).map((line) => (
                <Text key={line} className='tier-ladder__benefit'>· {line}</Text>
              ))}
            </View>
          </View>
        )
      })}
    </View>
  )
}
