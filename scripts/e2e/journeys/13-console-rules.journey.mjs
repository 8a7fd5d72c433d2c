/**
 * Console: HQ edits the programme's rules. 积分规则: an out-of-range value is caught at the field
 * (focused, nothing sent), the expiry and member-day options appear with their choice, and the rules
 * saved as they were come back from the server. 签到规则: a streak bonus is added and saved, then
 * removed again. 推荐规则与审核: the rules save, and the review list shows. Port of the mini-program's
 * journey 09 (and the check-in and referral editors of its staff package).
 */
import { DESKTOP } from '../harness.mjs'
import { consoleLogin, openMenu, toast } from '../console-steps.mjs'

export const name = 'Console: HQ edits earning, check-in and referral rules (range checks, options, saved as sent)'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse }) {
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  const rules = await apiResponse(page, 'GET', '/api/v1/staff/earning-rules', () => openMenu(page, '积分规则'))
  expect(rules.status, 'earning rules').toBe(200)
  const perYuan = page.getByLabel('每消费 1 元得积分')
  await perYuan.waitFor()
  expect(await perYuan.inputValue(), 'the form starts from the saved rules').toBe(String(rules.body.pointsPerYuan))
  await page.getByText('有效期的修改只对今后获得的积分生效，已有积分仍按原到期日过期。').waitFor()

  let puts = 0
  page.on('request', (r) => {
    if (r.method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/staff/earning-rules') puts += 1
  })
  await page.getByLabel('入会赠送积分').fill('')
  await perYuan.fill('5000')
  await page.keyboard.press('Enter')
  await page.getByText('每元积分须在 0–1000 之间').waitFor()
  await page.getByText('请填写入会赠送积分').waitFor()
  await page.waitForFunction(() => document.activeElement?.id === 'pointsPerYuan')
  expect(puts, 'nothing sent while a field is wrong').toBe(0)
  await screenshot('13-earning-rules-invalid')

  await perYuan.fill(String(rules.body.pointsPerYuan))
  await page.getByLabel('入会赠送积分').fill(String(rules.body.welcomePoints))
  await page.getByLabel('获得后 N 个月').check()
  await page.getByLabel('有效月数').waitFor()
  await page.getByLabel('会员日', { exact: true }).click()
  await page.getByLabel('会员日积分倍率').waitFor()
  await page.getByLabel('会员日', { exact: true }).click()
  const kinds = { never: '永久有效', months_after_earning: '获得后 N 个月', end_of_next_year: '次年年底' }
  await page.getByLabel(kinds[rules.body.expiry.kind]).check()
  const saved = await apiResponse(page, 'PUT', '/api/v1/staff/earning-rules', () => page.getByRole('button', { name: '保存' }).click())
  expect(saved.status, `save ${JSON.stringify(saved.body).slice(0, 300)}`).toBe(200)
  const editable = (r) => JSON.stringify([r.pointsPerYuan, r.welcomePoints, r.expiry, r.memberDay, r.growthPerYuan, r.growthWindow])
  expect(editable(saved.body), 'the rules come back as they were').toBe(editable(rules.body))
  await toast(page, '已保存').waitFor()

  const checkin = await apiResponse(page, 'GET', '/api/v1/staff/checkin-rules', () => openMenu(page, '签到规则'))
  const bonuses = checkin.body.streakBonuses.length
  await page.getByRole('button', { name: '添加一档' }).click()
  const days = page.getByLabel('连续天数')
  await days.nth(bonuses).fill('1')
  await page.keyboard.press('Enter')
  await page.getByText('天数须在 2–366 之间').waitFor()
  const taken = checkin.body.streakBonuses[0]?.day ?? 7
  await days.nth(bonuses).fill(String(taken))
  await page.keyboard.press('Enter')
  await page.getByText('同一天数只能设置一档奖励').waitFor()
  const day = [45, 60, 90, 120].find((d) => !checkin.body.streakBonuses.some((b) => b.day === d))
  await days.nth(bonuses).fill(String(day))
  await page.getByLabel('奖励积分').nth(bonuses).fill('88')
  const added = await apiResponse(page, 'PUT', '/api/v1/staff/checkin-rules', () => page.keyboard.press('Enter'))
  expect(added.status, `check-in save ${JSON.stringify(added.body).slice(0, 300)}`).toBe(200)
  expect(added.body.streakBonuses.some((b) => b.day === day && b.points === 88), 'the new streak bonus').toBe(true)
  await toast(page, '已保存').waitFor()
  await screenshot('13-checkin-rules')
  await page.getByLabel('删除此档').nth(bonuses).click()
  const restored = await apiResponse(page, 'PUT', '/api/v1/staff/checkin-rules', () => page.getByRole('button', { name: '保存' }).click())
  expect(JSON.stringify(restored.body.streakBonuses), 'bonuses back as they were').toBe(JSON.stringify(checkin.body.streakBonuses))

  const referral = await apiResponse(page, 'GET', '/api/v1/staff/referral-rules', () => openMenu(page, '推荐规则与审核'))
  expect(referral.status, 'referral rules').toBe(200)
  await page.getByText('待审核的推荐', { exact: true }).waitFor()
  const savedReferral = await apiResponse(page, 'PUT', '/api/v1/staff/referral-rules', () => page.getByRole('button', { name: '保存' }).click())
  expect(savedReferral.status, `referral save ${JSON.stringify(savedReferral.body).slice(0, 300)}`).toBe(200)
  expect(JSON.stringify(savedReferral.body.referrerReward), 'referrer reward as it was').toBe(JSON.stringify(referral.body.referrerReward))
  await toast(page, '已保存').waitFor()
  await screenshot('13-referrals')
}
