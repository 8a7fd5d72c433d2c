import { Button, Text, View } from '@tarojs/components'
import { errorMessage } from '../../constants/error-copy'
import { isApiError } from '../../api/client'
import { JoinPrompt } from '../JoinPrompt'
import './index.scss'

export interface PageStateProps {
  loading?: boolean
  error?: unknown
  onRetry?: () => void
  loadingText?: string
}

/** Retrying cannot fix these; the page says what to do instead. */
const final = new Set(['NOT_A_MEMBER', 'FORBIDDEN', 'NOT_FOUND', 'REWARD_NOT_FOUND', 'COUPON_NOT_FOUND'])

/** The honest in-between states of a page: loading, the error in words with a retry, or a join prompt for a visitor. */
export function PageState({ loading, error, onRetry, loadingText = '加载中…' }: PageStateProps) {
  if (error) {
    if (isApiError(error) && error.is('NOT_A_MEMBER')) return <JoinPrompt />
    const retriable = !(isApiError(error) && final.has(error.code))
    return (
      <View className='page-state page-state--error' role='alert' ariaRole='alert'>
        <Text className='page-state__title'>{errorMessage(error)}</Text>
        {onRetry && retriable && (
          <Button className='btn-plain page-state__retry' onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    )
  }
  if (loading) {
    return (
      <View className='page-state'>
        <Text className='page-state__title'>{loadingText}</Text>
      </View>
    )
  }
  return null
}
