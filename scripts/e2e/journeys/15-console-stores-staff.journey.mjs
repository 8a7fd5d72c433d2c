/**
 * Console: HQ creates a store below HQ from the store tree, renames it, opens a store's QR poster;
 * then creates a clerk for it (the one-time password is shown once), and the clerk, in another
 * browser, signs in with it and must set a password first. HQ resets the clerk's password (the new
 * one-time password shows), promotes the clerk to manager and disables the account.
 */
import { DESKTOP } from '../harness.mjs'
import { consoleLogin, openMenu, runId, toast } from '../console-steps.mjs'

export const name = 'Console: HQ creates and edits a store, opens a poster, creates a clerk (one-time password), resets, promotes and disables'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse, newPage }) {
  const id = runId().toUpperCase().replace(/[^A-Z0-9]/g, '')
  const code = `T${id}`.slice(0, 8)
  const username = `clerk-${id.toLowerCase()}`
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  await openMenu(page, '门店')
  await page.getByRole('button', { name: '新建门店或区域' }).click()
  const drawer = page.locator('.ant-drawer-content', { hasText: '新建门店或区域' })
  await page.waitForFunction(() => document.activeElement?.id === 'code')
  await page.keyboard.type('t1')
  await drawer.getByLabel('名称').fill('测试门店')
  await page.keyboard.press('Enter')
  await drawer.getByText('编码须为 2–16 位大写字母或数字，例如 S010').waitFor()
  await drawer.getByLabel('编码').fill(code)
  const created = await apiResponse(page, 'POST', '/api/v1/staff/stores', () => page.keyboard.press('Enter'))
  expect(created.status, `store ${JSON.stringify(created.body).slice(0, 200)}`).toBe(201)
  await toast(page, '已保存').waitFor()
  await page.locator('.ant-card', { hasText: '门店详情' }).or(page.locator('.ant-card-head-title', { hasText: '测试门店' })).first().waitFor()
  await page.locator('.ant-card-extra').getByRole('button', { name: '编辑' }).click()
  const edit = page.locator('.ant-drawer-content', { hasText: '编辑：测试门店' })
  await edit.getByLabel('名称').fill('测试门店（新）')
  const renamed = await apiResponse(page, 'PATCH', `/api/v1/staff/stores/${code}`, () => edit.getByRole('button', { name: '保存' }).click())
  expect(renamed.body.name, 'renamed').toBe('测试门店（新）')
  await page.locator('.ant-tree-title', { hasText: `测试门店（新）（${code}` }).waitFor()

  await page.locator('.ant-tree-title', { hasText: '静安旗舰店' }).click()
  const poster = page.getByAltText('静安旗舰店入会海报')
  await poster.waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => (document.querySelector('img[alt="静安旗舰店入会海报"]')?.naturalWidth ?? 0) > 0)
  await screenshot('15-stores')

  await openMenu(page, '员工')
  await page.getByRole('button', { name: '新建员工' }).click()
  const form = page.locator('.ant-drawer-content', { hasText: '新建员工' })
  await page.waitForFunction(() => document.activeElement?.id === 'username')
  await page.keyboard.type('X')
  await form.getByLabel('姓名').fill('测试店员')
  await page.keyboard.press('Enter')
  await form.getByText('用户名须为 3–32 位小写字母、数字或 _ . -，以字母或数字开头').waitFor()
  await form.getByLabel('用户名').fill(username)
  await form.locator('.ant-select:has(#storeCode)').click()
  await page.locator('.ant-select-tree-node-content-wrapper', { hasText: code }).click()
  const staff = await apiResponse(page, 'POST', '/api/v1/staff/staff', () => form.getByRole('button', { name: '保存' }).click())
  expect(staff.status, `staff ${JSON.stringify(staff.body).slice(0, 200)}`).toBe(201)
  const otp = await page.getByTestId('one-time-password').innerText()
  expect(otp.trim(), 'the one-time password shown').toBe(staff.body.oneTimePassword)
  await screenshot('15-one-time-password')
  await page.getByRole('button', { name: '我已记下' }).click()

  const clerk = await newPage(DESKTOP)
  await consoleLoginFirstTime(clerk, baseUrl, username, otp.trim())
  await clerk.getByText('设置新密码').waitFor()
  await clerk.getByLabel('一次性密码').fill(otp.trim())
  await clerk.getByLabel('新密码', { exact: true }).fill('short')
  await clerk.getByLabel('再次输入新密码').fill('short')
  await clerk.keyboard.press('Enter')
  await clerk.getByText('密码至少 10 位').waitFor()
  await clerk.getByLabel('新密码', { exact: true }).fill('counter-2026!')
  await clerk.getByLabel('再次输入新密码').fill('counter-2026!')
  const changed = await apiResponse(clerk, 'POST', '/api/v1/staff/me/password', () => clerk.keyboard.press('Enter'))
  expect(changed.status, `password change ${JSON.stringify(changed.body).slice(0, 200)}`).toBe(200)
  await clerk.getByRole('button', { name: '退出登录' }).waitFor()
  await clerk.locator('.ant-page-header-heading-title', { hasText: '核销记录' }).waitFor()

  const search = page.getByLabel('搜索员工')
  await search.fill(username)
  await search.press('Enter')
  const row = page.locator('.ant-table-row', { hasText: username })
  await row.waitFor()
  await row.getByRole('button', { name: '重置密码' }).click()
  const reset = await apiResponse(page, 'POST', `/api/v1/staff/staff/${staff.body.staff.id}/password-resets`, () => page.locator('.ant-popconfirm').getByRole('button', { name: '重置' }).click())
  expect(reset.status, `reset ${JSON.stringify(reset.body).slice(0, 200)}`).toBe(201)
  await page.getByTestId('one-time-password').getByText(reset.body.oneTimePassword).waitFor()
  await page.getByRole('button', { name: '我已记下' }).click()
  // The clerk's session ended with the old password: the console goes back to sign-in.
  await clerk.reload()
  await clerk.getByRole('button', { name: '登录' }).waitFor()

  await row.getByRole('button', { name: '编辑' }).click()
  const editStaff = page.locator('.ant-drawer-content', { hasText: '编辑员工：测试店员' })
  await editStaff.locator('.ant-select:has(#role)').click()
  await page.locator('.ant-select-item-option', { hasText: '店长' }).click()
  await editStaff.locator('.ant-select:has(#storeCode)').click()
  await page.locator('.ant-select-tree-node-content-wrapper', { hasText: code }).click()
  const promoted = await apiResponse(page, 'PATCH', `/api/v1/staff/staff/${staff.body.staff.id}`, () => editStaff.getByRole('button', { name: '保存' }).click())
  expect(promoted.body.role, `promote ${JSON.stringify(promoted.body).slice(0, 200)}`).toBe('store_manager')
  await row.getByText('店长').waitFor()
  await row.getByRole('button', { name: '停用' }).click()
  const disabled = await apiResponse(page, 'PATCH', `/api/v1/staff/staff/${staff.body.staff.id}`, () => page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click())
  expect(disabled.body.active, 'disabled').toBe(false)
  await row.getByText('已停用').waitFor()
  await screenshot('15-staff')
}

async function consoleLoginFirstTime(page, baseUrl, username, password) {
  await page.goto(`${baseUrl}/admin/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.keyboard.press('Enter')
}
