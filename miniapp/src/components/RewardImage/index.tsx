import { Image, View } from '@tarojs/components'
import { apiBase } from '../../api/env'
import { Icon } from '../Icon'
import './index.scss'

/** An image the server serves (a path like /api/v1/reward-images/…) is on the API's origin; HQ's own URLs stay as they are. */
export function mediaUrl(url: string): string {
  return url.startsWith('/') ? `${apiBase()}${url}` : url
}

/** A reward's picture, or the gift icon on the brand's cream when HQ has not uploaded one. */
export function RewardImage({ url, className }: { url: string | null; className: string }) {
  if (url) return <Image className={`reward-image ${className}`} src={mediaUrl(url)} mode='aspectFill' lazyLoad />
  return (
    <View className={`reward-image reward-image--blank ${className}`}>
      <Icon name='gift' size={96} />
    </View>
  )
}
