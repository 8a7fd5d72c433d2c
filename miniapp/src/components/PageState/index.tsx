import { Button, Text, View } from '@tarojs/components'
import { errorMessage } from '../../constants/error-copy'
import { isApiError } from '../../api/client'
import './index.scss'

export interface PageStateProps {
  loading?: boolean
  error?: unknown
  onRetry?: () => void
  loadingText?: string
}

/** The honest in-between states of a page: loading, or the real error with a retry. */
export function PageState({ loading, error, onRetry, loadingText = '加载中…' }: PageStateProps) {
  if (error) {
    return (
      <View className='page-state page-state--error'>
        <Text className='page-state__title'>{errorMessage(error)}</Text>
        {isApiError(error) && <Text className='page-state__code'>{error.code}</Text>}
        {onRetry && (
          <Button className='page-state__retry' size='mini' onClick={onRetry}>
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
