/**
 * A member subscribes to template messages from a tap: on the card (积分变动 + 会员活动, one pop-up), then
 * once more on 我的 → 消息订阅. In H5 a sheet stands in for WeChat's pop-up and the sandbox answers for
 * WeChat (pushing the popup events, signed, to the server). 消息订阅 shows each template enabled with the
 * messages it still allows; a refusal is said in Chinese and enables nothing. The card wears its tier's colour.
 */
import { expectChineseOnly, joinAsNewMember, tapTab } from '../steps.mjs'

export const name = 'a member taps 订阅 and accepts; 消息订阅 shows it enabled with its count; a refusal enables nothing'

/** The row of a template on 消息订阅. */
const row = (page, title) => page.getByTestId('subscription-row').filter({ hasText: title })

/** Taps a subscribe button and answers the sandbox's stand-in for WeChat's pop-up; resolves to the server's report answer. */
async function subscribe(page, apiResponse, button, answer) {
  await button.click()
  await page.getByText('订阅消息（开发环境）').waitFor()
  const choice = page.locator('.taro-actionsheet__cell', { hasText: new RegExp(`^${answer}$`) })
  if (answer === '拒绝') {
    await choice.click()
    return null
  }
  return apiResponse(page, 'POST', '/api/v1/subscriptions/reports', () => choice.click())
}

export async function run({ page, baseUrl, expect, screenshot, apiResponse, requireRoutes }) {
  await requireRoutes(['POST /api/v1/subscriptions/reports', 'POST /sandbox/wechat/dev/subscribe'])
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })
  // The card wears the tier's 卡面颜色 that HQ set.
  const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(member.tier.cardColor.slice(i, i + 2), 16)).join(', ')})`
  const cardBackground = await page.locator('.member-card').evaluate((el) => getComputedStyle(el).backgroundImage)
  expect(cardBackground.includes(rgb), `the card in ${member.tier.cardColor} (${cardBackground})`).toBeTruthy()
  const popups = async () => (await (await fetch(`${baseUrl}/sandbox/wechat/dev/pushes`)).json()).items.filter((p) => p.event === 'subscribe_msg_popup_event' && p.delivered)
  const popupsBefore = (await popups()).length

  // On the card: one tap asks for both of the card's templates.
  const onCard = page.locator('.btn-plain', { hasText: '订阅积分变动与会员活动通知' })
  await onCard.waitFor()
  const reported = await subscribe(page, apiResponse, onCard, '允许')
  expect(reported.status, `report answered ${JSON.stringify(reported.body).slice(0, 200)}`).toBe(200)
  await page.getByText('订阅成功，相关通知将及时提醒您').waitFor()
  await screenshot('29-subscribe-card')

  await tapTab(page, '我的')
  await page.locator('.mine__staff', { hasText: '消息订阅' }).click()
  await page.waitForURL(/#\/packages\/subscriptions\/index/)
  const activity = row(page, '会员活动通知')
  await activity.getByText('还可接收 1 条').waitFor()
  await row(page, '积分变动提醒').getByText('还可接收 1 条').waitFor()
  // WeChat's popup push confirms the accept; until it arrives the page says so, then not.
  await activity.getByText('等待微信确认').waitFor({ state: 'detached', timeout: 15_000 })

  // Each accept allows one more message: 再订阅一条 on the page itself.
  const again = await subscribe(page, apiResponse, activity.locator('.btn-plain', { hasText: '再订阅一条' }), '允许')
  expect(again.status, 'second accept reported').toBe(200)
  await activity.getByText('还可接收 2 条').waitFor()

  // A refusal: said in words, and nothing enabled.
  const checkin = row(page, '签到提醒')
  await checkin.getByText('未订阅').waitFor()
  await subscribe(page, apiResponse, checkin.locator('.btn-plain', { hasText: '订阅提醒' }), '拒绝')
  await page.getByText('您选择了暂不接收，随时可以在这里重新订阅').waitFor()
  await checkin.getByText('未订阅').waitFor()
  await expectChineseOnly(page, expect, '消息订阅')
  await screenshot('29-subscriptions-page')

  // WeChat (the sandbox) told the server of each answer itself (two accepts, one refusal) by its signed push: the record the counts trust.
  expect((await popups()).length - popupsBefore, 'popup events delivered to the server, one per pop-up').toBe(3)
}
