/**
 * Console: HQ builds a segment (joined in the last day, at 静安旗舰店) and watches the live count
 * change as each condition goes in (and as a subscription-quota rule, its template picked by title, and a
 * "lacks 新会员" rule go in and out), saves it, tags its members in bulk with a manual tag, and opens a
 * member's 360 page, where the tag, the rule tags of a new member and a new 跟进记录 show.
 */
import { DESKTOP } from '../harness.mjs'
import { consoleApi, consoleLogin, joinByApi, openMenu, runId, toast } from '../console-steps.mjs'

export const name = 'Console: HQ builds a segment with a live count, tags its members in bulk, opens a member 360'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse, requireRoutes }) {
  await requireRoutes(['POST /api/v1/staff/segments/preview'])
  const id = runId()
  const first = await joinByApi(baseUrl, `seg-a-${id}`, 'S001')
  await joinByApi(baseUrl, `seg-b-${id}`, 'S001')
  await joinByApi(baseUrl, `seg-c-${id}`, 'S002')
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  const tag = await consoleApi(page, 'POST', '/api/v1/staff/tags', { name: `重点回访${id}` })
  expect(tag.status, `create tag ${JSON.stringify(tag.body)}`).toBe(201)

  await openMenu(page, '分群')
  await page.getByRole('button', { name: '新建分群' }).click()
  await page.locator('.ant-page-header-heading-title', { hasText: '新建分群' }).waitFor()
  const count = page.getByTestId('segment-count').locator('.ant-statistic-content-value')
  const everyone = await countNow(page, count)
  expect(everyone, 'an empty segment counts every member').toBeGreaterThan(2)

  // 入会日期 · 最近 N 天内 · 1
  const joined = await addRule(page, '入会日期', '最近 N 天内')
  await joined.locator('.rule-value input').fill('1')
  const recent = await countChanges(page, count, everyone)
  expect(recent, 'members who joined today').toBeGreaterThan(2)

  // 且 加入门店 · 属于 · 静安旗舰店
  const store = await addRule(page, '加入门店', '属于')
  // The list starts with the first store, 静安旗舰店 (S001).
  await store.locator('.ant-select-selection-item', { hasText: '静安旗舰店' }).waitFor()
  const atS001 = await countChanges(page, count, recent)
  expect(recent, 'fewer once the store is required').toBeGreaterThan(atS001)

  // 且 订阅消息剩余次数 · 不小于 · (a template picked by title) 1 次: this run's members accepted none, so they drop out.
  const quota = await addRule(page, '订阅消息剩余次数', '不小于')
  await quota.getByRole('combobox', { name: '消息模板' }).waitFor()
  expect(await quota.locator('.ant-select-selection-item').last().innerText(), 'the first registered template is picked by its title').toBeTruthy()
  await quota.getByLabel('剩余次数').fill('1')
  const withQuota = await countChanges(page, count, atS001)
  expect(atS001, 'members with a send left of the template are fewer').toBeGreaterThan(withQuota)
  await screenshot('18-console-segment-quota')
  await quota.locator('.rule-remove').click()
  expect(await countChanges(page, count, withQuota), 'the count once the quota rule is gone').toBe(atS001)

  // 且 无标签 · 等于 · 新会员: a rule tag the server tests as a bit of the member row; everyone who joined today carries it.
  const lacks = await addRule(page, '无标签', '等于')
  await lacks.locator('.rule-value').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^新会员$/ }).click()
  expect(await countChanges(page, count, atS001), 'no member who joined today lacks 新会员').toBe(0)
  await screenshot('18-console-segment-lacks-rule-tag')
  await lacks.locator('.rule-remove').click()
  expect(await countChanges(page, count, 0), 'the count once the tag rule is gone').toBe(atS001)

  await page.getByLabel('分群名称').fill(`今日静安新会员${id}`)
  const saved = await apiResponse(page, 'POST', '/api/v1/staff/segments', () => page.getByRole('button', { name: '保存分群' }).click())
  expect(saved.status, `save ${JSON.stringify(saved.body).slice(0, 300)}`).toBe(201)
  await toast(page, '分群已保存').waitFor()
  await page.locator('.ant-card-head-title', { hasText: '分群会员' }).waitFor()
  await page.locator('.ant-table-row', { hasText: first.cardNo }).waitFor()

  await page.getByRole('combobox', { name: '批量标签' }).click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `重点回访${id}` }).click()
  await page.getByRole('button', { name: '批量打标签' }).click()
  const tagged = await apiResponse(page, 'POST', `/api/v1/staff/segments/${saved.body.id}/tagging`, () => page.locator('.ant-popconfirm').getByRole('button', { name: '打标签' }).click())
  expect(tagged.status, `bulk tag ${JSON.stringify(tagged.body)}`).toBe(200)
  expect(tagged.body.changed, 'every member of the segment tagged').toBe(atS001)
  await toast(page, `已打上标签：${atS001} 人`).waitFor()

  await page.locator('.ant-table-row').getByRole('link', { name: first.cardNo }).click()
  await page.locator('.ant-page-header-heading-title', { hasText: '会员 360' }).waitFor()
  await page.getByTestId('m360-tags').getByText(`重点回访${id}`).waitFor()
  await page.getByTestId('m360-tags').getByText('新会员').waitFor()
  await page.getByLabel('跟进内容').fill('电话回访：对新品感兴趣，下周到店')
  const note = await apiResponse(page, 'POST', `/api/v1/staff/members/${first.id}/notes`, () => page.getByRole('button', { name: '添加记录' }).click())
  expect(note.status, `note ${JSON.stringify(note.body)}`).toBe(201)
  await page.locator('.ant-list-item', { hasText: '电话回访：对新品感兴趣' }).waitFor()
  await screenshot('18-console-member-360')
}

/** Adds a condition to the root group and picks its field and operator; returns the new rule's row. */
async function addRule(page, field, operator) {
  const rules = page.locator('.ruleGroup-body > .rule')
  const before = await rules.count()
  await page.getByRole('button', { name: '+ 条件' }).first().click()
  const rule = rules.nth(before)
  await rule.locator('.rule-fields').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: field }).first().click()
  await rule.locator('.rule-operators').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: operator }).first().click()
  return rule
}

/** The live count once the rules have settled and the server has answered for them. */
async function countNow(page, count) {
  await page.locator('[data-testid="segment-count"][data-settled="true"]').waitFor()
  return Number((await count.innerText()).replace(/,/g, ''))
}

/** Waits for the live count to settle on a value other than `from`. */
async function countChanges(page, count, from) {
  for (let i = 0; i < 100; i++) {
    const now = await countNow(page, count)
    if (now !== from) return now
    await page.waitForTimeout(100)
  }
  throw new Error(`the live count stayed at ${from}`)
}
