import { appBanNotice } from '../src/pages/campaigns/campaign-copy'

const view = { members: 0, since: null, threshold: 3, windowHours: 24, paused: null }

it('says nothing without reports, how many of how many while pending, and why once paused', () => {
  expect(appBanNotice(view)).toBeNull()
  expect(appBanNotice({ ...view, members: 2, since: '2026-12-01T04:00:00.000Z' })).toMatchObject({ type: 'warning', message: '2 位会员的小程序报告 20005（封禁），达到 3 位将暂停全部活动' })
  const paused = appBanNotice({ ...view, members: 3, paused: { at: '2026-12-01T04:00:00.000Z', reason: '3 位会员的小程序自 12/1 12:00 起报告 20005' } })
  expect(paused).toMatchObject({ type: 'error' })
  expect(paused!.description).toContain('3 位会员的小程序自 12/1 12:00 起报告 20005')
})
