import Taro from '@tarojs/taro'
import { clearStorageForTest } from '../__mocks__/taro'
import { authStore } from '../../src/api/auth'
import { loginMember } from '../../src/api/client'

const requestMock = Taro.request as unknown as jest.Mock
const ORIGINAL_ENV = process.env.TARO_ENV

beforeEach(() => {
  requestMock.mockReset()
  clearStorageForTest()
  process.env.TARO_ENV = 'h5'
})
afterAll(() => {
  process.env.TARO_ENV = ORIGINAL_ENV
})

it('in H5 gets a code from the sandbox with an openid that stays the same for this browser', async () => {
  requestMock.mockImplementation(async ({ url }: { url: string }) => ({
    statusCode: 200,
    data: JSON.stringify(url.endsWith('/sandbox/wechat/dev/login') ? { code: 'sandbox-code' } : { token: 'tk', member: null }),
  }))
  await loginMember()
  await loginMember()
  const sandboxBodies = requestMock.mock.calls
    .filter(([o]) => (o as { url: string }).url.endsWith('/sandbox/wechat/dev/login'))
    .map(([o]) => JSON.parse((o as { data: string }).data) as { openid: string })
  expect(sandboxBodies).toHaveLength(2)
  expect(sandboxBodies[0]?.openid).toMatch(/^h5-[0-9a-f]{32}$/)
  expect(sandboxBodies[1]?.openid).toBe(sandboxBodies[0]?.openid)
  expect(Taro.login).not.toHaveBeenCalled()
  expect(authStore.memberToken()).toBe('tk')
})
