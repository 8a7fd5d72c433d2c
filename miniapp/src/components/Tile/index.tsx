import { Text, View } from '@tarojs/components'
import './index.scss'

export interface TileProps {
  icon: string
  title: string
  subtitle?: string
  onClick: () => void
}

export function Tile({ icon, title, subtitle, onClick }: TileProps) {
  return (
    <View className='tile' onClick={onClick} hoverClass='tile--hover'>
      <Text className='tile__icon'>{icon}</Text>
      <Text className='tile__title'>{title}</Text>
      {subtitle && <Text className='tile__subtitle'>{subtitle}</Text>}
    </View>
  )
}
