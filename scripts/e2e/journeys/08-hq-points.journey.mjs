/**
 * HQ corrects a member's points: demo-hq looks the member up by card number, opens 调整积分, adds
 * points with a reason after a confirmation, and sees the new balance and the ledger line; a deduction
 * beyond the balance is refused by the server and says so; the member then finds the reason in their
 * points history.
 */
import { input, joinAsNewMember, staffLogin } from '../steps.mjs'

export const name = 'HQ adjusts a member’s points with a reason; an over-deduction is refused; the member sees the reason'

const POINTS = '1 – 1000000'
const REASON = '例如：补录 3 月 5 日消费'

async function confirmModal(page, apiResponse, memberId, text) {
  const modal = page.locator('.taro-modal__content')
  await modal.getByText(text).waitFor()
  return apiResponse(page, 'POST', `/api/v1/staff/members/${memberId}/points-adjustments`, () => modal.locator('.taro-modal__foot').getByText('确定').click())
}

export async function run({ page, baseUrl, expect, screenshot, newPage, requireRoutes, apiResponse }) {
  await requireRoutes(['GET /api/v1/staff/members/1/points-ledger', 'POST /api/v1/staff/members/1/points-adjustments'])
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })
  const before = member.points

  const hq = await newPage()
  await staffLogin({ page: hq, baseUrl }, 'demo-hq')
  await hq.locator('.staff__kind', { hasText: '卡号' }).click()
  await input(hq, '输入会员码 / 卡号 / 手机号').pressSequentially(member.cardNo)
  await hq.locator('.staff__search .btn-primary', { hasText: '查询' }).first().click()
  await hq.locator('.staff__result').first().getByText(member.cardNo).waitFor()

  const ledger = await apiResponse(hq, 'GET', `/api/v1/staff/members/${member.id}/points-ledger`, () => hq.locator('.btn-plain', { hasText: '调整积分' }).click())
  expect(ledger.status, `ledger answered ${JSON.stringify(ledger.body).slice(0, 200)}`).toBe(200)
  await hq.waitForURL(/#\/packages\/staff\/points-adjust/)
  const shown = hq.locator('.points-adjust__member')
  await shown.getByText(member.cardNo).waitFor()
  await shown.locator('.row', { hasText: '当前积分' }).getByText(String(before), { exact: true }).waitFor()
  await hq.locator('.ledger-row', { hasText: '新会员入会礼' }).waitFor()

  await input(hq, POINTS).pressSequentially('50')
  await input(hq, REASON).pressSequentially('补录 E2E 消费')
  await screenshot('08-adjust-form', hq)
  await hq.locator('.btn-primary', { hasText: '提交调整' }).click()
  await hq.locator('.taro-modal__content').getByText(`增加 50 积分，调整后余额 ${before + 50}。`).waitFor()
  await screenshot('08-adjust-confirm', hq)
  const added = await confirmModal(hq, apiResponse, member.id, `调整后余额 ${before + 50}`)
  expect(added.status, `adjustment answered ${JSON.stringify(added.body).slice(0, 200)}`).toBe(201)
  expect(added.body.balance, 'balance after +50').toBe(before + 50)
  await hq.getByText(`已增加 50 积分，当前余额 ${before + 50}`).waitFor()
  await shown.locator('.row', { hasText: '当前积分' }).getByText(String(before + 50), { exact: true }).waitFor()
  const line = hq.locator('.ledger-row', { hasText: '人工调整：补录 E2E 消费' })
  await line.getByText('+50', { exact: true }).waitFor()
  await line.getByText(`余额 ${before + 50}`).waitFor()
  await screenshot('08-adjust-done', hq)

  await hq.locator('.staff__kind', { hasText: '扣减' }).click()
  await input(hq, POINTS).pressSequentially('100000')
  await input(hq, REASON).pressSequentially('超额扣减')
  await hq.locator('.btn-primary', { hasText: '提交调整' }).click()
  const refused = await confirmModal(hq, apiResponse, member.id, `超过当前余额 ${before + 50}`)
  expect(refused.status, `over-deduction answered ${JSON.stringify(refused.body).slice(0, 200)}`).toBe(409)
  expect(refused.body.error.code, 'refusal code').toBe('POINTS_INSUFFICIENT')
  await hq.getByText(`积分不足：会员当前余额 ${before + 50}，不能扣减 100000`).waitFor()
  expect(await hq.locator('.ledger-row', { hasText: '超额扣减' }).count(), 'no ledger line for the refused deduction').toBe(0)
  await screenshot('08-adjust-refused', hq)

  // Back in the console, the looked-up member shows the adjusted balance.
  await hq.goBack()
  await hq.waitForURL(/#\/packages\/staff\/console/)
  await hq.locator('.staff__result .row', { hasText: '积分' }).first().getByText(String(before + 50), { exact: true }).waitFor()
  await screenshot('08-console-member', hq)

  await page.goto(`${baseUrl}/#/packages/points/index`)
  const memberLine = page.locator('.row', { hasText: '人工调整：补录 E2E 消费' })
  await memberLine.getByText('+50', { exact: true }).waitFor()
  await screenshot('08-member-points')
}
