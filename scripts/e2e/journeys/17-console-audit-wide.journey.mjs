/**
 * Console on a 1920×1080 screen: HQ reads the audit log, filters it by object type and action (the
 * table shows only those records, with their before/after), pages on, and switches the store scope,
 * which the member list follows.
 */
import { consoleLogin, openMenu } from '../console-steps.mjs'

export const name = 'Console at 1920×1080: HQ filters the audit log, switches the store scope'
export const viewport = { width: 1920, height: 1080 }

export async function run({ page, baseUrl, expect, screenshot, apiResponse }) {
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  const first = await apiResponse(page, 'GET', '/api/v1/staff/audit', () => openMenu(page, '审计日志'))
  expect(first.status, 'audit').toBe(200)
  expect(first.body.items.length, 'records to read').toBeGreaterThan(0)

  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '操作')
  const staffRecords = await apiResponse(page, 'GET', '/api/v1/staff/audit', async () => {
    await page.locator('.ant-select:has([aria-label="对象类型"])').click()
    await page.locator('.ant-select-item-option', { hasText: '员工' }).click()
    await page.getByRole('button', { name: '查询' }).click()
  })
  expect(staffRecords.status, 'filtered').toBe(200)
  expect(staffRecords.body.items.length > 0 && staffRecords.body.items.every((r) => r.targetType === 'staff'), `only staff records ${JSON.stringify(staffRecords.body.items.map((r) => r.targetType))}`).toBe(true)

  // Actions are picked by their Chinese names; the server still gets the code.
  await page.locator('.ant-select:has([aria-label="操作"])').click()
  await page.keyboard.type('创建员工')
  await page.locator('.ant-select-item-option', { hasText: '创建员工' }).click()
  const created = await apiResponse(page, 'GET', '/api/v1/staff/audit', () => page.getByRole('button', { name: '查询' }).click())
  expect(created.body.items.every((r) => r.action === 'staff.create' && r.targetType === 'staff'), 'only staff.create').toBe(true)
  await page.getByText(`共 ${created.body.total} 条`).waitFor()
  await page.locator('.ant-table-row').first().waitFor()
  const all = await apiResponse(page, 'GET', '/api/v1/staff/audit', () => page.reload())
  if (all.body.nextCursor) {
    const next = await apiResponse(page, 'GET', '/api/v1/staff/audit', () => page.getByRole('button', { name: '下一页' }).click())
    expect(next.body.items[0].id < all.body.items[all.body.items.length - 1].id, 'the next page is older').toBe(true)
    await page.getByText(/第 2 \/ \d+ 页/).waitFor()
  }
  await page.locator('.ant-table-row .ant-table-row-expand-icon').first().click()
  await page.getByText('修改后').first().waitFor()
  await screenshot('17-audit-1920')

  await openMenu(page, '会员')
  await page.locator('.ant-select:has([aria-label="查看范围"])').click()
  const scoped = await apiResponse(page, 'GET', '/api/v1/staff/members', () => page.locator('.ant-select-item-option', { hasText: '徐汇天钥桥店' }).click())
  expect(scoped.status, 'scoped list').toBe(200)
  expect(scoped.body.items.every((m) => m.joinStore?.code === 'S002'), 'members of the chosen store').toBe(true)
  await screenshot('17-members-scope-1920')
}
