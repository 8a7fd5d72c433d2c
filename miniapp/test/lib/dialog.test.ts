import fs from 'node:fs'
import path from 'node:path'
import Taro from '@tarojs/taro'
import { BRAND_COLOR, confirmDialog, DANGER_COLOR } from '../../src/lib/dialog'

describe('dialogs in the brand colour', () => {
  const showModal = Taro.showModal as unknown as jest.Mock

  beforeEach(() => showModal.mockClear())

  it('confirms in the theme brand colour, a destructive confirm in red, and answers whether the person confirmed', async () => {
    const theme = fs.readFileSync(path.join(__dirname, '../../src/styles/_theme.scss'), 'utf8')
    expect(theme).toContain(`$brand: ${BRAND_COLOR};`)
    await expect(confirmDialog({ title: '确认兑换', content: '扣除 100 积分' })).resolves.toBe(true)
    expect(showModal).toHaveBeenLastCalledWith({ title: '确认兑换', content: '扣除 100 积分', confirmColor: BRAND_COLOR })
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await expect(confirmDialog({ title: '注销账户', content: '不可恢复', confirmText: '注销', danger: true })).resolves.toBe(false)
    expect(showModal).toHaveBeenLastCalledWith({ title: '注销账户', content: '不可恢复', confirmText: '注销', confirmColor: DANGER_COLOR })
  })
})
