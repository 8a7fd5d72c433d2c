/**
 * A campaign test send reaches the marketer's own WeChat. In the console, 试发给我 first says (in Chinese)
 * that no WeChat is bound and where to bind it. HQ opens the counter tool on the phone, binds their WeChat
 * (我的微信 → 绑定本人微信), and the console then says the template still needs their accept; 订阅试发消息
 * (the sandbox stands in for WeChat's pop-up) gives it, and the next 试发给我 lands in the sandbox's outbox
 * for that WeChat, rendered for the segment's first member, with the campaign's landing page.
 */
import { ACTIVITY_TEMPLATE, consoleApi, consoleLogin, joinByApi, runId, toast } from '../console-steps.mjs'
import { DESKTOP } from '../harness.mjs'
import { expectChineseOnly, staffLogin } from '../steps.mjs'

export const name = 'HQ binds their WeChat in the counter tool, accepts the campaign template, and the console’s test send arrives'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse, newPage, requireRoutes }) {
  await requireRoutes(['GET /api/v1/staff/me/wechat', 'POST /api/v1/staff/campaigns'])
  const id = runId()
  const member = await joinByApi(baseUrl, `tsm-${id}`, 'S001')

  // A draft campaign to one member (set-up through the API: composing has its own journey, 30).
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  // Whatever an earlier run left: this journey starts from an HQ account with no WeChat bound.
  expect((await consoleApi(page, 'DELETE', '/api/v1/staff/me/wechat')).status, 'unbind').toBe(200)
  const templates = await consoleApi(page, 'GET', '/api/v1/staff/message-templates')
  const tag = await consoleApi(page, 'POST', '/api/v1/staff/tags', { name: `试发${id}` })
  await consoleApi(page, 'PUT', `/api/v1/staff/members/${member.id}/tags/${tag.body.id}`)
  const segment = await consoleApi(page, 'POST', '/api/v1/staff/segments', { name: `试发分群${id}`, rules: { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.body.id }] } })
  const campaign = await consoleApi(page, 'POST', '/api/v1/staff/campaigns', {
    name: `试发活动${id}`,
    templateId: templates.body.find((t) => t.wechatTemplateId === ACTIVITY_TEMPLATE).id,
    fieldValues: { thing1: '周末会员日', thing2: '您有{points}积分可兑好礼', date3: '{date}', thing4: '{tier}专享' },
    page: 'pages/home/index',
    segmentId: segment.body.id,
  })
  expect(campaign.status, `campaign ${JSON.stringify(campaign.body).slice(0, 200)}`).toBe(201)
  await page.goto(`${baseUrl}/admin/campaigns/${campaign.body.id}`)
  const testSend = page.getByRole('button', { name: '试发给我' })
  await testSend.waitFor({ timeout: 30_000 })
  const sendTest = () => apiResponse(page, 'POST', `/api/v1/staff/campaigns/${campaign.body.id}/test-send`, () => testSend.click())

  // Not bound yet: the console says where to bind.
  expect((await sendTest()).status, 'test send without a bound WeChat').toBe(400)
  await page.locator('.ant-message-notice', { hasText: '您还没有绑定微信' }).getByText(/我的微信/).waitFor()
  await screenshot('31-test-send-not-bound')

  // The counter tool on HQ's phone (its sandbox openid chosen before the app starts and logs in).
  const phone = await newPage()
  // Ends in digits: the masked openid on screen is data, not copy, and the Chinese-only check reads words.
  const openid = `hq-wx-${id}-2026`
  await phone.goto(`${baseUrl}/api/health`)
  await phone.evaluate((o) => localStorage.setItem('hy.devOpenid', JSON.stringify({ data: o })), openid)
  await staffLogin({ page: phone, baseUrl }, 'demo-hq')
  const panel = phone.locator('.staff__wechat')
  await panel.getByText('未绑定', { exact: false }).waitFor()
  const bound = await apiResponse(phone, 'POST', '/api/v1/staff/me/wechat', () => panel.locator('.btn-primary', { hasText: '绑定本人微信' }).click())
  expect(bound.status, `bind ${JSON.stringify(bound.body)}`).toBe(200)
  await panel.getByText(`已绑定微信（${openid.slice(0, 4)}…${openid.slice(-4)}）`).waitFor()
  await panel.getByText('试发前还需订阅').waitFor()
  await panel.scrollIntoViewIfNeeded()
  await expectChineseOnly(phone, expect, '我的微信')
  await screenshot('31-counter-wechat-bound', phone)

  // Bound, but WeChat has no accept of this template from HQ: the console says what to tap.
  expect((await sendTest()).status, 'test send before the accept').toBe(400)
  await page.locator('.ant-message-notice', { hasText: '订阅试发消息' }).waitFor()

  await panel.locator('.btn-primary', { hasText: '订阅试发消息' }).click()
  await phone.getByText('订阅消息（开发环境）').waitFor()
  await phone.locator('.taro-actionsheet__cell', { hasText: /^允许$/ }).click()
  await phone.getByText('已订阅，可以在管理后台试发了').waitFor()

  const sent = await sendTest()
  expect(sent.status, `test send ${JSON.stringify(sent.body).slice(0, 200)}`).toBe(200)
  await toast(page, '已试发到您绑定的微信').waitFor()
  await screenshot('31-test-send-arrived')

  const outbox = (await (await fetch(`${baseUrl}/sandbox/wechat/dev/outbox?openid=${openid}`)).json()).items
  expect(outbox.length, 'one test message in HQ’s WeChat').toBe(1)
  expect(outbox[0].templateId, 'the campaign’s template').toBe(ACTIVITY_TEMPLATE)
  expect(outbox[0].page, 'the campaign’s landing page').toBe(`pages/home/index?campaignId=${campaign.body.id}`)
  expect(outbox[0].data.thing2.value, 'rendered for the segment’s first member').toBe(`您有${member.points}积分可兑好礼`)
}
