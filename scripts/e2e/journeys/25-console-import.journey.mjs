/**
 * Console: HQ uploads a member file from another system; the dry run names the bad row (row number
 * and reason, in Chinese) and the import cannot start; HQ fixes the row, uploads again, imports, and
 * the members are found in the member list with their points.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DESKTOP } from '../harness.mjs'
import { consoleLogin, openMenu, runId } from '../console-steps.mjs'

export const name = 'Console: HQ runs an import dry run, fixes the rejected row, imports, and the members appear'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse, requireRoutes }) {
  await requireRoutes(['POST /api/v1/staff/imports'])
  const id = runId()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-import-'))
  const header = '卡号,姓名,手机号,生日,历法,门店,等级,积分,成长值'
  const phone = (n) => `139${String(Date.now()).slice(-6)}${n}${n}`
  const good = `OLD${id}A,迁入甲${id},${phone(1)},1991-03-08,公历,S001,银卡,680,300`
  const file = (name, lines) => {
    const p = path.join(dir, name)
    fs.writeFileSync(p, '\uFEFF' + [header, ...lines].join('\r\n'))
    return p
  }

  await consoleLogin({ page, baseUrl }, 'demo-hq')
  await openMenu(page, '导入会员')
  const input = page.locator('input[type=file]')
  const first = await apiResponse(page, 'POST', '/api/v1/staff/imports', () => input.setInputFiles(file('members-v1.csv', [good, `OLD${id}B,迁入乙${id},12345,1992-02-30,公历,S001,,100,0`])))
  expect(first.status, `upload ${JSON.stringify(first.body).slice(0, 200)}`).toBe(201)
  await page.getByText('有 1 行未通过校验').waitFor({ timeout: 30_000 })
  const rejected = page.locator('.ant-table-row', { hasText: `OLD${id}B` })
  await rejected.waitFor()
  const reason = await rejected.innerText()
  expect(reason, 'row number').toContain('3')
  expect(reason, 'phone problem').toContain('不是有效的 11 位手机号')
  expect(reason, 'date problem').toContain('不是有效日期')
  expect(await page.getByRole('button', { name: '开始导入' }).count(), 'no import with a rejected row').toBe(0)
  await screenshot('25-console-import-dry-run')

  const second = await apiResponse(page, 'POST', '/api/v1/staff/imports', () => input.setInputFiles(file('members-v2.csv', [good, `OLD${id}B,迁入乙${id},${phone(2)},1992-02-28,公历,S001,,100,0`])))
  expect(second.status, 'second upload').toBe(201)
  await page.getByText('校验通过：2 名会员将被导入').waitFor({ timeout: 30_000 })
  const started = await apiResponse(page, 'POST', `/api/v1/staff/imports/${second.body.id}/start`, () => page.getByRole('button', { name: '开始导入' }).click())
  expect(started.status, `start ${JSON.stringify(started.body).slice(0, 200)}`).toBe(200)
  await page.getByText('导入完成：新建 2 名会员').waitFor({ timeout: 30_000 })
  await screenshot('25-console-import-done')

  await page.getByRole('link', { name: '查看会员' }).click()
  await page.locator('.ant-page-header-heading-title', { hasText: '会员' }).waitFor()
  await page.getByLabel('搜索会员').fill(`迁入甲${id}`)
  await page.keyboard.press('Enter')
  const member = page.locator('.ant-table-row', { hasText: `迁入甲${id}` })
  await member.waitFor()
  expect(await member.innerText(), 'imported points').toContain('680')
  fs.rmSync(dir, { recursive: true, force: true })
}
