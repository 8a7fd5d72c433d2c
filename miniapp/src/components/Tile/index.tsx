import { Text, View } from '@tarojs/components'
import { Icon, type IconName } from '../Icon'
import './index.scss'

export interface TileProps {
  icon: IconName
  title: string
  subtitle?: string
  onClick: () => void
}

export function Tile({ icon, title, subtitle, onClick }: TileProps) {
  return (
    <View className='tile' onClick={onClick} hoverClass='tile--hover' role='button' ariaRole='button' ariaLabel={subtitle ? `${title}，${subtitle}` : title}>
      <View className='tile__icon'>
        <Icon name={icon} size={48} />
      </View>
      <Text className='tile__title'>{title}</Text>
      {subtitle && <Text className='tile__subtitle'>{subtitle}</Text>}
    </View>
  )
}
