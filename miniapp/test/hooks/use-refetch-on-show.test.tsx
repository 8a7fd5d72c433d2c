import { renderHook } from '@testing-library/react'
import { useDidShow } from '@tarojs/taro'
import { useRefetchOnShow } from '../../src/api/hooks/use-refetch-on-show'

const didShow = useDidShow as jest.Mock

beforeEach(() => didShow.mockReset())

/** Taro calls the latest registered onShow callback; the hook registers one per render. */
const show = () => (didShow.mock.calls.at(-1)?.[0] as () => void)()

it('leaves the first show to the query and refetches on every return to the page', () => {
  const refetch = jest.fn()
  renderHook(() => useRefetchOnShow(refetch))
  show()
  expect(refetch).not.toHaveBeenCalled()
  show()
  show()
  expect(refetch).toHaveBeenCalledTimes(2)
})
