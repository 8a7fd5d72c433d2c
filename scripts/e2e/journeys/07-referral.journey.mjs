/**
 * A member invites a friend: the friend opens the join page through the member's referral scene and
 * joins; when the friend reaches the qualifying event (HQ sets it to the first check-in here, so the
 * journey need not wait out a refund window) both see their reward.
 */
import { joinAsNewMember } from '../steps.mjs'

export const name = 'a referred friend joins and checks in; both see their reward'

async function hqRequest(baseUrl, method, path, body) {
  const login = await fetch(`${baseUrl}/api/v1/staff/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-hq', password: 'huiyuan-demo' }) })
  const { token } = await login.json()
  const res = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) })
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`)
  return res.json()
}

export async function run({ page, baseUrl, expect, screenshot, newPage, requireRoutes, apiResponse }) {
  await requireRoutes(['GET /api/v1/referrals/me', 'GET /api/v1/staff/referral-rules'])
  const before = await hqRequest(baseUrl, 'GET', '/api/v1/staff/referral-rules')
  await hqRequest(baseUrl, 'PUT', '/api/v1/staff/referral-rules', { ...before, qualifyingEvent: 'first_checkin' })
  try {
    await joinAsNewMember({ page, baseUrl, expect, apiResponse })
    await page.goto(`${baseUrl}/#/packages/referrals/index`)
    const code = (await page.locator('.referral__code').innerText()).trim()
    expect(/^[A-HJKMNP-Z2-9]{6}$/.test(code), `referral code ${code}`).toBe(true)
    await screenshot('07-referral-code')

    const friend = await newPage()
    await friend.goto(`${baseUrl}/#/packages/join/index?scene=${encodeURIComponent(`s=S001&r=${code}`)}`)
    await friend.getByText('我们收集').first().waitFor()
    const joined = await apiResponse(friend, 'POST', '/api/v1/members', () => friend.getByText('同意并加入', { exact: true }).click())
    expect(joined.status, `friend's join answered ${JSON.stringify(joined.body).slice(0, 200)}`).toBe(201)
    expect(joined.body.attributionNotice, 'the referral was accepted').toBe(null)
    await friend.waitForURL(/#\/pages\/card\/index/)

    await friend.goto(`${baseUrl}/#/packages/checkin/index`)
    const checkin = await apiResponse(friend, 'POST', '/api/v1/checkins', () => friend.locator('.checkin__btn').click())
    expect(checkin.status, `friend's check-in answered ${JSON.stringify(checkin.body).slice(0, 200)}`).toBe(201)

    // The reward is paid by a background job after the check-in event: reload until it shows.
    for (let attempt = 0; ; attempt++) {
      await page.goto(`${baseUrl}/#/packages/referrals/index`)
      await page.locator('.referral__code').waitFor()
      if ((await page.getByText('已奖励').count()) > 0) break
      if (attempt >= 15) throw new Error('the referrer never saw the reward')
      await page.waitForTimeout(500)
      await page.reload()
    }
    await page.getByText(`+${before.referrerReward.points}`).first().waitFor()
    await page.getByText(`累计获得 ${before.referrerReward.points} 积分`).waitFor()
    await screenshot('07-referral-referrer-rewarded')

    await friend.goto(`${baseUrl}/#/packages/points/index`)
    await friend.getByText('受邀入会奖励').waitFor()
    await screenshot('07-referral-friend-ledger', friend)
  } finally {
    await hqRequest(baseUrl, 'PUT', '/api/v1/staff/referral-rules', before)
  }
}
