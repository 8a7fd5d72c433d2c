import { screen } from '@testing-library/react'
import { authStore } from '../src/api/auth'
import { CheckinsPanel } from '../src/pages/dashboards/panels'
import { fakeServer, renderConsole } from './render'

// ECharts ships as ES modules jest does not load, and jsdom has no layout to draw in: the chart is a stand-in that takes options.
jest.mock('echarts/core', () => ({ use: () => undefined, init: () => ({ setOption: () => undefined, resize: () => undefined, dispose: () => undefined }) }))
jest.mock('echarts/charts', () => ({}))
jest.mock('echarts/components', () => ({}))
jest.mock('echarts/renderers', () => ({}))

const checkins = {
  asOf: '2026-12-01T02:00:00Z',
  total: 1234,
  makeups: 56,
  daily: [
    { day: '2026-11-30', checkins: 600, makeups: 20 },
    { day: '2026-12-01', checkins: 634, makeups: 36 },
  ],
  streaks: [
    { bucket: '1', count: 900 },
    { bucket: '2-3', count: 334 },
  ],
}

describe('dashboard panels', () => {
  beforeEach(() => authStore.signIn({ token: 't', expiresAt: '2030-01-01T00:00:00Z', staff: { id: 1, username: 'demo-hq', displayName: '总部', role: 'hq_admin', store: null, mustChangePassword: false } }))
  afterEach(() => authStore.signOut())

  it('draws each chart under its title, with the note that says how to read the streaks', async () => {
    const requests = fakeServer(() => [200, checkins])
    renderConsole(<CheckinsPanel query={{ from: '2026-11-30', to: '2026-12-01' }} />)
    expect(await screen.findByRole('img', { name: '每日签到' })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: '连续签到分布' })).toBeInTheDocument()
    expect(screen.getByText('期间的签到按其在连续签到中的第几天分组')).toBeInTheDocument()
    expect(screen.getAllByText('每日签到', { selector: 'strong' })).toHaveLength(1)
    expect(screen.getAllByText('连续签到分布', { selector: 'strong' })).toHaveLength(1)
    expect(screen.getByText('1,234')).toBeInTheDocument()
    expect(requests[0]?.url.pathname).toBe('/api/v1/staff/dashboards/checkins')
  })
})
