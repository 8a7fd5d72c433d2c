/**
 * A template-message campaign end to end. A member accepts 会员活动通知 on the card (the sandbox answers
 * for WeChat); a second member of the segment never subscribed. HQ composes the campaign in the console
 * (营销活动 → 新建活动: template, field values with placeholders, the segment), sees the reachable audience
 * (2 in the segment, 1 reachable, 1 not subscribed) and the message rendered for the sample members,
 * starts it and watches the progress to 已完成. The sandbox's outbox holds the rendered message for the
 * member who accepted, and nothing for the other; the member opens its landing page (the path carries the
 * campaign id) and the campaign's results count the open.
 */
import { DESKTOP } from '../harness.mjs'
import { ACTIVITY_TEMPLATE, consoleApi, consoleLogin, joinByApi, openMenu, runId, shanghaiNoon, toast } from '../console-steps.mjs'
import { joinAsNewMember } from '../steps.mjs'

export const name = 'Console: HQ composes a campaign to a segment, previews it, sends it; the member receives it, opens it, and the open is counted'
export const viewport = DESKTOP
// Noon in the business zone, outside the default quiet hours (22:00–08:00), whenever the journey runs.
export const movesClock = true

export async function run({ page, baseUrl, expect, screenshot, apiResponse, newPage, requireRoutes, setServerClock }) {
  await requireRoutes(['GET /api/v1/staff/campaigns', 'POST /api/v1/campaign-opens', 'GET /sandbox/wechat/dev/outbox'])
  await setServerClock(shanghaiNoon())
  const id = runId()

  // The member, on a phone: joins and accepts the card's templates (积分变动 + 会员活动) from a tap.
  const phone = await newPage()
  const openid = `cmp-${id}`
  // The browser's sandbox openid, chosen before the app starts (it logs in at once), so the outbox can be read for it.
  await phone.goto(`${baseUrl}/api/health`)
  await phone.evaluate((o) => localStorage.setItem('hy.devOpenid', JSON.stringify({ data: o })), openid)
  const member = await joinAsNewMember({ page: phone, baseUrl, expect, apiResponse })
  await phone.locator('.btn-plain', { hasText: '订阅积分变动与会员活动通知' }).click()
  await phone.getByText('订阅消息（开发环境）').waitFor()
  const accepted = await apiResponse(phone, 'POST', '/api/v1/subscriptions/reports', () => phone.locator('.taro-actionsheet__cell', { hasText: /^允许$/ }).click())
  expect(accepted.status, 'the accept is reported').toBe(200)
  const other = await joinByApi(baseUrl, `cmp-none-${id}`, 'S002')

  // The segment: the two members, through a manual tag (segments have their own journey, 18).
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  const tag = await consoleApi(page, 'POST', '/api/v1/staff/tags', { name: `会员日${id}` })
  expect(tag.status, `tag ${JSON.stringify(tag.body)}`).toBe(201)
  for (const m of [member, other]) expect((await consoleApi(page, 'PUT', `/api/v1/staff/members/${m.id}/tags/${tag.body.id}`)).status, 'tag a member').toBe(200)
  const segmentName = `会员日分群${id}`
  const segment = await consoleApi(page, 'POST', '/api/v1/staff/segments', { name: segmentName, rules: { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.body.id }] } })
  expect(segment.status, `segment ${JSON.stringify(segment.body)}`).toBe(201)

  // Compose.
  await openMenu(page, '营销活动')
  await page.getByRole('button', { name: '新建活动' }).click()
  await page.locator('.ant-page-header-heading-title', { hasText: '新建营销活动' }).waitFor()
  await page.getByLabel('活动名称', { exact: true }).fill(`双十二会员日${id}`)
  await page.getByLabel('消息模板（营销类）').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '会员活动通知' }).click()
  await page.getByLabel('活动名称（thing1）').fill('{nickname}的双十二会员日')
  await page.getByLabel('活动内容（thing2）').fill('您有{points}积分可兑好礼')
  await page.getByLabel('活动时间（date3）').fill('{date}')
  await page.getByLabel('温馨提示（thing4）').fill('{tier}专享，到店出示会员码')
  expect(await page.getByLabel('落地页').inputValue(), 'the template’s landing page is proposed').toBe('pages/home/index')
  await page.getByLabel('分群').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: segmentName }).click()
  const saved = await apiResponse(page, 'POST', '/api/v1/staff/campaigns', () => page.getByRole('button', { name: '保存草稿' }).click())
  expect(saved.status, `save ${JSON.stringify(saved.body).slice(0, 300)}`).toBe(201)
  await toast(page, '草稿已保存').waitFor()
  await page.waitForURL(new RegExp(`/admin/campaigns/${saved.body.id}$`))

  // Before sending: who it reaches, and the message as each sample member would get it.
  const audience = await apiResponse(page, 'GET', `/api/v1/staff/campaigns/${saved.body.id}/audience`, () => page.getByRole('button', { name: '计算可触达人数' }).click())
  expect(audience.status, 'audience').toBe(200)
  expect(audience.body.segmentSize, 'segment size').toBe(2)
  const statistic = (title) => page.locator('.ant-statistic', { has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ant-statistic-content-value')
  await statistic('分群人数').getByText('2', { exact: true }).waitFor()
  await statistic('可触达').getByText('1', { exact: true }).waitFor()
  await statistic('未订阅').getByText('1', { exact: true }).waitFor()
  const sample = page.getByTestId('campaign-sample').filter({ hasText: member.cardNo })
  await sample.getByText('您有100积分可兑好礼').waitFor()
  await sample.getByText('普通会员专享，到店出示会员码').waitFor()
  await sample.scrollIntoViewIfNeeded()
  await screenshot('30-campaign-preview')

  // Send, and watch it to the end.
  await page.getByRole('button', { name: '开始发送' }).click()
  const launched = await apiResponse(page, 'POST', `/api/v1/staff/campaigns/${saved.body.id}/launch`, () => page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click())
  expect(launched.status, `launch ${JSON.stringify(launched.body).slice(0, 200)}`).toBe(200)
  await page.locator('.ant-card-head-title', { hasText: '发送进度' }).waitFor()
  await page.locator('.ant-card-head-title .ant-tag', { hasText: '已完成' }).waitFor({ timeout: 60_000 })
  await statistic('已送达微信').getByText('1', { exact: true }).waitFor()
  await page.locator('.ant-table-row', { hasText: '未订阅（无可用次数）' }).waitFor()
  await screenshot('30-campaign-done')

  // WeChat (the sandbox) received the rendered message for the member who accepted, and none for the other.
  const outbox = async (o) => (await (await fetch(`${baseUrl}/sandbox/wechat/dev/outbox?openid=${o}`)).json()).items
  const received = (await outbox(openid)).filter((m) => m.templateId === ACTIVITY_TEMPLATE)
  expect(received.length, 'one message for the member who accepted').toBe(1)
  const message = received[0]
  expect(message.page, 'the landing page carries the campaign id').toBe(`pages/home/index?campaignId=${saved.body.id}`)
  expect(message.data.thing2.value, 'rendered for the member').toBe('您有100积分可兑好礼')
  expect(message.data.thing4.value, 'rendered for the member').toBe('普通会员专享，到店出示会员码')
  expect((await outbox(`cmp-none-${id}`)).length, 'nothing for the member who never subscribed').toBe(0)

  // The member taps the message: the mini-program opens the landing page and reports the open.
  await phone.goto('about:blank')
  const opened = await apiResponse(phone, 'POST', '/api/v1/campaign-opens', () => phone.goto(`${baseUrl}/#/${message.page}`))
  expect(opened.status, `open ${JSON.stringify(opened.body)}`).toBeOneOf([200, 201, 204])
  await screenshot('30-campaign-landing', phone)

  await page.reload()
  await statistic('打开').getByText('1', { exact: true }).waitFor()
  await screenshot('30-campaign-opened')
}
