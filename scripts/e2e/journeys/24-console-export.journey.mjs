/**
 * Console: a store manager exports their members to Excel, watches the job finish, downloads the
 * .xlsx, and the journey reads it back with exceljs: the header, their own new member with the phone
 * masked, and no member of another store.
 */
import ExcelJS from 'exceljs'
import { DESKTOP } from '../harness.mjs'
import { consoleLogin, joinByApi, openMenu, runId, toast } from '../console-steps.mjs'

export const name = 'Console: a manager exports members to .xlsx and downloads it; the file parses with exceljs and holds only their store'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse, requireRoutes }) {
  await requireRoutes(['POST /api/v1/staff/exports'])
  const id = runId()
  const own = await joinByApi(baseUrl, `export-own-${id}`, 'S001')
  const other = await joinByApi(baseUrl, `export-other-${id}`, 'S002')
  await consoleLogin({ page, baseUrl }, 'demo-manager')
  await openMenu(page, '导出')
  // A manager has no 完整手机号 option and no 审计日志.
  expect(await page.getByText('导出完整手机号').count(), 'no full phones for a manager').toBe(0)

  const created = await apiResponse(page, 'POST', '/api/v1/staff/exports', () => page.getByRole('button', { name: '开始导出' }).click())
  expect(created.status, `export ${JSON.stringify(created.body).slice(0, 200)}`).toBe(201)
  await toast(page, '已开始生成').waitFor()
  const row = page.locator('.ant-table-row', { hasText: created.body.fileName }).first()
  await row.getByRole('button', { name: '下载' }).waitFor({ timeout: 30_000 })
  await screenshot('24-console-export')

  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '下载' }).click()])
  expect(download.suggestedFilename(), 'the download keeps its Chinese name').toContain('会员导出')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  const sheet = workbook.worksheets[0]
  const rows = []
  sheet.eachRow((r) => rows.push(Array.from(r.values).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
  expect(rows[0].join(','), 'header').toBe('卡号,昵称,手机号,等级,积分,成长值,入会门店,生日,历法,入会时间,最近到店')
  const mine = rows.find((r) => r[0] === own.cardNo)
  expect(Boolean(mine), `own member ${own.cardNo} in the file`).toBe(true)
  expect(mine[6], 'join store').toBe('静安旗舰店')
  expect(rows.some((r) => r[0] === other.cardNo), 'a member of S002 is not in a manager of S001’s export').toBe(false)
  expect(rows.slice(1).every((r) => r[6] === '静安旗舰店'), 'every row is the manager’s store').toBe(true)
  const unmasked = rows.slice(1).filter((r) => r[2] !== '' && !/^1\*{6}\d{4}$/.test(r[2]))
  expect(JSON.stringify(unmasked), 'phones masked').toBe('[]')
}
