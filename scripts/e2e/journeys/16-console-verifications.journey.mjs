/**
 * Console, as a store manager: the menu holds only the manager's pages; 会员 lists the members of the
 * manager's store only; 核销记录 shows today's verifications at the store, and 撤销 undoes one (the
 * coupon is usable again); 跨店结算 shows a coupon the manager issued that was used at another store.
 */
import { DESKTOP } from '../harness.mjs'
import { consoleLogin, issueAndVerifyElsewhere, joinByApi, openMenu, redeemAndVerify, runId, toast } from '../console-steps.mjs'

export const name = 'Console: a store manager sees their store only, undoes a verification, reads the settlement report'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse }) {
  const here = await joinByApi(baseUrl, `console-verify-${runId()}`, 'S001')
  const verified = await redeemAndVerify(baseUrl, here, 'demo-clerk')
  const away = await joinByApi(baseUrl, `console-away-${runId()}`, 'S001')
  await issueAndVerifyElsewhere(baseUrl, away, 'demo-manager', 'demo-clerk2')

  await consoleLogin({ page, baseUrl }, 'demo-manager')
  const menu = await page.locator('.ant-menu-item').allInnerTexts()
  expect(JSON.stringify(menu.map((t) => t.trim())), 'the manager menu').toBe(JSON.stringify(['会员', '标签', '分群', '关怀任务', '消息模板', '数据看板', '券模板', '门店', '员工', '核销记录', '跨店结算', '导出']))
  const members = await apiResponse(page, 'GET', '/api/v1/staff/members', () => page.reload())
  expect(members.status, 'member list').toBe(200)
  expect(members.body.items.every((m) => m.joinStore?.code === 'S001'), 'only S001 members').toBe(true)

  const list = await apiResponse(page, 'GET', '/api/v1/staff/coupon-verifications', () => openMenu(page, '核销记录'))
  expect(list.status, 'verifications').toBe(200)
  const row = page.locator('.ant-table-row', { hasText: verified.coupon.code })
  await row.getByText('已核销').waitFor()
  await row.getByRole('button', { name: '撤销' }).click()
  const undone = await apiResponse(page, 'POST', `/api/v1/staff/coupon-verifications/${verified.id}/undo`, () => page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click())
  expect(undone.status, `undo ${JSON.stringify(undone.body).slice(0, 200)}`).toBe(201)
  await toast(page, '已撤销核销').waitFor()
  await row.getByText('已撤销').waitFor()
  await screenshot('16-verifications')

  const report = await apiResponse(page, 'GET', '/api/v1/staff/reports/coupon-settlement', () => openMenu(page, '跨店结算'))
  expect(report.status, `settlement ${JSON.stringify(report.body).slice(0, 200)}`).toBe(200)
  const cross = report.body.items.find((r) => r.usedStore.code === 'S002')
  expect(Boolean(cross), `a coupon of S001 used at S002 ${JSON.stringify(report.body.items)}`).toBe(true)
  await page.locator('.ant-table-row', { hasText: cross.usedStore.name }).waitFor()
  await screenshot('16-settlement')
}
