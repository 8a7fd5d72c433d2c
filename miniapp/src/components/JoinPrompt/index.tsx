import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useWelcomePoints } from '../../api/hooks/programme'
import { routes } from '../../constants/routes'
import { Icon } from '../Icon'
import './index.scss'

export const joinPromptCopy = {
  title: '加入会员即可使用',
  gift: (points: number) => `入会即送 ${points} 积分，可直接兑换礼品`,
  giftUnknown: '入会即送积分，可直接兑换礼品',
  perks: '签到领积分 · 积分兑好礼 · 等级折扣 · 会员专享券',
  join: '立即加入',
} as const

/** Where a members-only feature meets a visitor: what joining gives, and one tap to join. */
export function JoinPrompt({ title = joinPromptCopy.title }: { title?: string }) {
  const welcome = useWelcomePoints()
  return (
    <View className='join-prompt'>
      <Icon name='gift' size={96} />
      <Text className='join-prompt__title'>{title}</Text>
      <Text className='join-prompt__gift'>{welcome.data !== undefined ? joinPromptCopy.gift(welcome.data) : joinPromptCopy.giftUnknown}</Text>
      <Text className='join-prompt__perks'>{joinPromptCopy.perks}</Text>
      <Button className='btn-primary join-prompt__btn' onClick={() => void Taro.navigateTo({ url: routes.join })}>
        {joinPromptCopy.join}
      </Button>
    </View>
  )
}
