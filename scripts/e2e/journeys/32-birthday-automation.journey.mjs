/**
 * HQ turns the birthday automation on in the console (自动化): one day before, the 生日祝福提醒 template
 * picked by its title, its fields, and a 中杯饮品券. A member who accepted the birthday template and whose
 * birthday is tomorrow receives the message (the WeChat sandbox's outbox) and the coupon in 我的券.
 * The scan runs on the scheduler (scripts/test.sh runs it every few seconds for the journeys).
 */
import { DESKTOP, PHONE, poll } from '../harness.mjs'
import { consoleApi, consoleLogin, openMenu, toast } from '../console-steps.mjs'
import { joinAsNewMember } from '../steps.mjs'

export const name = 'Console: HQ turns the birthday automation on with a coupon; a member whose birthday is tomorrow gets the message and the coupon'
export const viewport = DESKTOP

const BIRTHDAY_TEMPLATE = 'sbxBirthdayGreeting6Wm3Qx8ZnLb2VdKs9PfTy5RcHg4'

/** Tomorrow in the business zone (Asia/Shanghai), by the server's clock. */
async function tomorrow(baseUrl) {
  const health = await (await fetch(`${baseUrl}/api/v1/dev/clock`)).json().catch(() => null)
  const now = health?.now ? new Date(health.now) : new Date()
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now.getTime() + 86_400_000))
  return { month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) }
}

/** What Taro's H5 storage keeps under a key (it wraps values as {data}). */
async function stored(page, key) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key)
  try {
    const parsed = JSON.parse(raw)
    return typeof parsed === 'object' && parsed !== null && 'data' in parsed ? parsed.data : parsed
  } catch {
    return raw
  }
}

export async function run({ page, baseUrl, expect, screenshot, newPage, apiResponse }) {
  await consoleLogin({ page, baseUrl })
  await openMenu(page, '自动化')
  const row = page.locator('tr', { hasText: '生日祝福' })
  await row.getByRole('button', { name: '设置' }).click()
  const drawer = page.locator('.ant-drawer', { hasText: '设置「生日祝福」' })
  await drawer.getByLabel('生日前 N 天').fill('1')
  // The template by its title, from those registered in 消息模板; its fields appear with their labels.
  await drawer.getByRole('combobox', { name: '消息模板' }).click()
  await page.locator('.ant-select-item-option', { hasText: '生日祝福提醒' }).click()
  await drawer.getByLabel('会员昵称（name1）').fill('{nickname}')
  await drawer.getByLabel('祝福语（thing2）').fill('祝您生日快乐')
  await drawer.getByLabel('生日礼遇（thing3）').fill('{coupon}')
  await drawer.getByLabel('有效期至（date4）').fill('{expiry}')
  await drawer.getByRole('combobox', { name: '赠送优惠券' }).click()
  await page.keyboard.type('饮品')
  await page.locator('.ant-select-item-option', { hasText: '饮品券' }).click()
  await screenshot('32-birthday-automation-drawer')
  await drawer.getByRole('button', { name: '保存' }).click()
  await toast(page, '已保存').waitFor()
  const switchOn = row.getByRole('switch', { name: '生日祝福开关' })
  if ((await switchOn.getAttribute('aria-checked')) !== 'true') {
    await switchOn.click()
    await toast(page, '已开启「生日祝福」').waitFor()
  }
  await row.getByText('生日祝福提醒').waitFor()
  await row.getByText('饮品券').waitFor()
  await screenshot('32-birthday-automation-on')

  // A member joins on the phone, accepts the birthday message (WeChat's popup, through the sandbox) and gives tomorrow as the birthday.
  const phone = await newPage(PHONE)
  const member = await joinAsNewMember({ page: phone, baseUrl, expect, apiResponse })
  const openid = await stored(phone, 'hy.devOpenid')
  const token = await stored(phone, 'hy.memberToken')
  expect(typeof openid === 'string' && openid.length > 0, `the H5 openid: ${openid}`).toBe(true)
  const accept = await fetch(`${baseUrl}/sandbox/wechat/dev/subscribe`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ openid, templateIds: [BIRTHDAY_TEMPLATE] }) })
  expect(accept.status, 'sandbox accept').toBe(200)
  const { month, day } = await tomorrow(baseUrl)
  const profile = await fetch(`${baseUrl}/api/v1/members/me/profile`, { method: 'PATCH', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ birthday: { calendar: 'solar', month, day } }) })
  expect(profile.status, 'birthday saved').toBe(200)

  const message = await poll('the birthday message in the sandbox outbox', async () => {
    const res = await fetch(`${baseUrl}/sandbox/wechat/dev/outbox?openid=${encodeURIComponent(openid)}`)
    const { items } = await res.json()
    return items.find((m) => m.templateId === BIRTHDAY_TEMPLATE)
  })
  expect(message.data.thing3.value, 'the message names the coupon').toBe('中杯饮品券')
  expect(message.data.thing2.value, 'the greeting').toBe('祝您生日快乐')

  await phone.goto(`${baseUrl}/#/packages/coupons/index`)
  await phone.getByText('饮品券').first().waitFor()
  await screenshot('32-birthday-coupon-wallet', phone)

  // The console's history names the member's occurrence.
  const list = await consoleApi(page, 'GET', '/api/v1/staff/automations')
  const birthday = list.body.find((a) => a.kind === 'birthday')
  const history = await consoleApi(page, 'GET', `/api/v1/staff/automations/${birthday.id}/occurrences`)
  expect(history.body.some((o) => o.cardNo === member.cardNo && o.status === 'fired' && o.couponCode), `occurrence for ${member.cardNo}`).toBe(true)
  // Leave the shared server as it was: the automation off.
  await consoleApi(page, 'PATCH', `/api/v1/staff/automations/${birthday.id}`, { enabled: false })
}
