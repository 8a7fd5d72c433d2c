import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

export function Section({ title, extra, children }: { title?: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <View className='section'>
      {(title || extra) && (
        <View className='section__head'>
          {title && <Text className='section__title'>{title}</Text>}
          {extra}
        </View>
      )}
      {children}
    </View>
  )
}
