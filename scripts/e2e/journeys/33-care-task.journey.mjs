/**
 * A clerk works through a care task in the counter tool (我的关怀任务): opens the member at a glance,
 * records the outcome with a note, and the task leaves the list; the store manager sees it done in the
 * console's 关怀任务. The task comes from the hourly generation (every few seconds under scripts/test.sh).
 */
import { DESKTOP, poll } from '../harness.mjs'
import { consoleLogin, joinByApi, openMenu, runId } from '../console-steps.mjs'
import { input, staffLogin } from '../steps.mjs'

export const name = 'Counter tool: a clerk completes a care task with a note after opening the member; the manager sees it in the console'

async function staffApi(baseUrl, username, method, path, body) {
  const login = await fetch(`${baseUrl}/api/v1/staff/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'huiyuan-demo' }) })
  const { token } = await login.json()
  const res = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

export async function run({ page, baseUrl, expect, screenshot, newPage }) {
  // A new member at S001, whom the manager gives to demo-clerk to look after (维护人).
  const member = await joinByApi(baseUrl, `care-journey-${runId()}`, 'S001')
  const clerk = await staffApi(baseUrl, 'demo-clerk', 'GET', '/api/v1/staff/me')
  const assigned = await staffApi(baseUrl, 'demo-manager', 'PUT', `/api/v1/staff/members/${member.id}/clerk`, { clerkId: clerk.body.id })
  expect(assigned.status, `assign answered ${JSON.stringify(assigned.body).slice(0, 200)}`).toBe(200)
  const task = await poll('the new-member care task', async () => {
    const mine = await staffApi(baseUrl, 'demo-clerk', 'GET', '/api/v1/staff/care-tasks/mine')
    return mine.body.find((t) => t.member.id === member.id && t.kind === 'new_member')
  })

  await staffLogin({ page, baseUrl })
  await page.goto(`${baseUrl}/#/packages/staff/care-tasks`)
  const card = page.locator(`[data-task-id="${task.id}"]`)
  await card.waitFor()
  await card.getByText(member.cardNo, { exact: false }).waitFor()
  // Open the member: the compact 360.
  await card.getByText('查看会员 ›').click()
  await card.locator('.care-task__glance').getByText('积分', { exact: false }).first().waitFor()
  await card.locator('.care-task__glance').getByText('近期消费').waitFor()
  await screenshot('33-care-task-member')

  await card.getByText('已预约到店', { exact: true }).click()
  const note = `周六下午到店试新品 ${runId()}`
  await card.locator('input[placeholder="备注（选填），如：周六下午到店"]').fill(note)
  await card.getByText('记录结果', { exact: true }).click()
  await card.waitFor({ state: 'detached' })
  await screenshot('33-care-task-done')

  // The store manager, at a desk: done, with the note, by the clerk.
  const desk = await newPage(DESKTOP)
  await consoleLogin({ page: desk, baseUrl }, 'demo-manager')
  await openMenu(desk, '关怀任务')
  const recent = desk.locator('.ant-card', { hasText: '最近处理的任务' })
  const row = recent.locator('tr', { hasText: note })
  await row.waitFor()
  await row.getByText('已预约到店').waitFor()
  await row.getByText(member.cardNo, { exact: false }).waitFor()
  await screenshot('33-care-task-console', desk)
  expect(await input(page, '请输入用户名').count(), 'the clerk stayed signed in').toBe(0)
}
