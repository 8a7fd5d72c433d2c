/**
 * Console: HQ finds a new member by card number (the search field has the focus, Enter searches),
 * opens the member, adds points with a reason (the balance and the ledger line update), is refused an
 * over-deduction in Chinese, issues a coupon, assigns a maintaining clerk, then moves that clerk's
 * members to another clerk in bulk (the same clerk twice is refused in the form). Port of the
 * mini-program's journey 08.
 */
import { DESKTOP } from '../harness.mjs'
import { consoleLogin, joinByApi, openMenu, runId, toast } from '../console-steps.mjs'

export const name = 'Console: HQ searches a member, adjusts points (over-deduction refused), issues a coupon, assigns a clerk'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse }) {
  const member = await joinByApi(baseUrl, `console-member-${runId()}`)
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  await openMenu(page, '会员')

  const search = page.getByLabel('搜索会员')
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '搜索会员')
  await page.keyboard.type(member.cardNo)
  const found = await apiResponse(page, 'GET', '/api/v1/staff/members', () => search.press('Enter'))
  expect(found.status, 'member search').toBe(200)
  expect(found.body.total, `search by card number ${JSON.stringify(found.body).slice(0, 200)}`).toBe(1)
  await page.locator('.ant-table-row').getByRole('link', { name: member.cardNo }).click()
  await page.locator('.ant-page-header-heading-title', { hasText: '会员：' }).waitFor()
  const points = page.getByTestId('member-points')
  await points.getByText(String(member.points), { exact: true }).waitFor()

  await page.getByRole('button', { name: '调整积分' }).click()
  const dialog = page.locator('.ant-modal-content', { hasText: '调整积分' })
  await dialog.getByLabel('积分').waitFor()
  await page.waitForFunction(() => document.activeElement?.id === 'points')
  await page.keyboard.type('120')
  await dialog.getByLabel('原因（会员可见）').fill('补录 11 月消费')
  const added = await apiResponse(page, 'POST', `/api/v1/staff/members/${member.id}/points-adjustments`, () => page.keyboard.press('Enter'))
  expect(added.status, `adjust ${JSON.stringify(added.body)}`).toBe(201)
  expect(added.body.balance, 'balance after the adjustment').toBe(member.points + 120)
  await toast(page, `已调整，当前积分 ${member.points + 120}`).waitFor()
  await points.getByText(String(member.points + 120), { exact: true }).waitFor()
  await page.locator('.ant-table-row', { hasText: '补录 11 月消费' }).getByText('+120').waitFor()

  await page.getByRole('button', { name: '调整积分' }).click()
  await dialog.getByLabel('扣减').check()
  await dialog.getByLabel('积分').fill('999999')
  await dialog.getByLabel('原因（会员可见）').fill('误操作冲正')
  const refused = await apiResponse(page, 'POST', `/api/v1/staff/members/${member.id}/points-adjustments`, () => dialog.getByRole('button', { name: '确认调整' }).click())
  expect(refused.body?.error?.code, 'over-deduction').toBe('POINTS_INSUFFICIENT')
  await toast(page, '会员积分不足').waitFor()
  await dialog.getByRole('button', { name: '取消' }).click()

  await page.getByRole('button', { name: '发券' }).click()
  const issue = page.locator('.ant-modal-content', { hasText: '发券：' })
  await issue.getByLabel('券模板').click()
  await page.locator('.ant-select-item-option', { hasText: '满50减10' }).click()
  await issue.getByLabel('发放原因').fill('客诉补偿')
  const coupon = await apiResponse(page, 'POST', '/api/v1/staff/coupons', () => page.keyboard.press('Enter'))
  expect(coupon.status, `issue ${JSON.stringify(coupon.body).slice(0, 200)}`).toBe(201)
  await toast(page, `已发放：${coupon.body.title}`).waitFor()

  await page.getByRole('combobox', { name: '维护人' }).click()
  const clerk = page.locator('.ant-select-item-option', { hasText: '静安' }).first()
  const clerkName = (await clerk.innerText()).split('（')[0]
  const assigned = await apiResponse(page, 'PUT', `/api/v1/staff/members/${member.id}/clerk`, () => clerk.click())
  expect(assigned.status, `assign ${JSON.stringify(assigned.body)}`).toBe(200)
  expect(assigned.body.maintainingClerk?.displayName, 'assigned clerk').toBe(clerkName)
  await toast(page, '维护人已更新').waitFor()
  await screenshot('12-console-member')

  // Bulk transfer: every member the clerk maintains moves to another clerk.
  await page.getByRole('button', { name: '返回列表' }).click()
  await page.getByRole('button', { name: '批量转移维护人' }).click()
  const transfer = page.locator('.ant-modal-content', { hasText: '批量转移维护人' })
  // The clerk pickers search as you type; Enter takes the first match.
  const pick = async (field, text) => {
    await transfer.locator(`.ant-select:has(#${field})`).click()
    await page.keyboard.type(text)
    await page.keyboard.press('Enter')
  }
  await pick('fromClerkId', clerkName)
  await pick('toClerkId', clerkName)
  await transfer.getByRole('button', { name: '转移' }).click()
  await transfer.getByText('新维护人不能与原维护人相同').waitFor()
  await pick('toClerkId', '徐汇')
  const moved = await apiResponse(page, 'POST', '/api/v1/staff/clerk-transfers', () => transfer.getByRole('button', { name: '转移' }).click())
  expect(moved.status, `transfer ${JSON.stringify(moved.body)}`).toBe(201)
  expect(moved.body.moved, 'members moved').toBeGreaterThan(0)
  await toast(page, `已转移 ${moved.body.moved} 位会员`).waitFor()
  await screenshot('12-console-transfer')
}
