/** Hand mock of @tarojs/taro: the APIs the app calls, as jest.fn()s tests can drive. */
const storage = new Map<string, unknown>()

export const request = jest.fn()
export const login = jest.fn()
export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? storage.get(key) : ''))
export const setStorageSync = jest.fn((key: string, value: unknown) => void storage.set(key, value))
export const removeStorageSync = jest.fn((key: string) => void storage.delete(key))
export const clearStorageForTest = (): void => storage.clear()
export const showToast = jest.fn(async () => ({}))
export const showModal = jest.fn(async () => ({ confirm: true, cancel: false }))
export const navigateTo = jest.fn(async () => ({}))
export const redirectTo = jest.fn(async () => ({}))
export const switchTab = jest.fn(async () => ({}))
export const scanCode = jest.fn()
export const setClipboardData = jest.fn(async () => ({}))
export const requestSubscribeMessage = jest.fn()
export const showActionSheet = jest.fn()
export const useRouter = jest.fn(() => ({ params: {} as Record<string, string> }))
export const useDidShow = jest.fn()
export const useDidHide = jest.fn()
export const useShareAppMessage = jest.fn()

const Taro = {
  request,
  login,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  showToast,
  showModal,
  navigateTo,
  redirectTo,
  switchTab,
  scanCode,
  setClipboardData,
  requestSubscribeMessage,
  showActionSheet,
}
export default Taro
