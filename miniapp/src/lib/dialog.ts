import Taro from '@tarojs/taro'

/** The brand colour ($brand in styles/_theme.scss): WeChat's dialogs otherwise confirm in WeChat's own green. */
export const BRAND_COLOR = '#946200'
/** A confirm that cannot be undone (deleting the account, undoing a verification). */
export const DANGER_COLOR = '#c0392b'

/** Taro.showModal in the brand's colour; resolves to whether the person confirmed. */
export async function confirmDialog(options: { title: string; content: string; confirmText?: string; danger?: boolean }): Promise<boolean> {
  const { danger, ...rest } = options
  const { confirm } = await Taro.showModal({ ...rest, confirmColor: danger ? DANGER_COLOR : BRAND_COLOR })
  return confirm
}
