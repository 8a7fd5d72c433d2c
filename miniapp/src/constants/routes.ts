/**
 * The one route table: app.config.ts builds `pages`, `subPackages` and the tab bar from it, and pages
 * navigate with `routes.<name>` so a renamed page breaks the type check, not a tap in production.
 */
interface TabPage {
  path: string
  text: string
  /** Tab-bar icon: src/assets/tabbar/<icon>.png and <icon>-active.png (scripts/make-tab-icons.mjs). */
  icon: string
}

export const tabPages = {
  home: { path: 'pages/home/index', text: '首页', icon: 'home' },
  card: { path: 'pages/card/index', text: '会员卡', icon: 'card' },
  mine: { path: 'pages/mine/index', text: '我的', icon: 'mine' },
} as const satisfies Record<string, TabPage>

/** Feature subpackages: root folder under src/ and the pages inside it. */
export const subPackages = {
  join: { root: 'packages/join', pages: ['index'] },
  staff: {
    root: 'packages/staff',
    // The counter tool; HQ's settings moved to the web console (/admin).
    pages: ['index', 'console', 'poster', 'verifications', 'care-tasks'],
  },
  points: { root: 'packages/points', pages: ['index'] },
  checkin: { root: 'packages/checkin', pages: ['index'] },
  mall: { root: 'packages/mall', pages: ['index', 'detail'] },
  coupons: { root: 'packages/coupons', pages: ['index', 'detail'] },
  referrals: { root: 'packages/referrals', pages: ['index'] },
  subscriptions: { root: 'packages/subscriptions', pages: ['index'] },
} as const satisfies Record<string, { root: string; pages: readonly string[] }>

type SubPackages = typeof subPackages
type SubRoute<K extends keyof SubPackages> = `/${SubPackages[K]['root']}/${SubPackages[K]['pages'][number]}`

const sub = <K extends keyof SubPackages>(key: K, page: SubPackages[K]['pages'][number]): SubRoute<K> =>
  `/${subPackages[key].root}/${page}` as SubRoute<K>

export const routes = {
  home: `/${tabPages.home.path}`,
  card: `/${tabPages.card.path}`,
  mine: `/${tabPages.mine.path}`,
  join: sub('join', 'index'),
  staffLogin: sub('staff', 'index'),
  staffConsole: sub('staff', 'console'),
  staffPoster: sub('staff', 'poster'),
  staffVerifications: sub('staff', 'verifications'),
  staffCareTasks: sub('staff', 'care-tasks'),
  points: sub('points', 'index'),
  checkin: sub('checkin', 'index'),
  mall: sub('mall', 'index'),
  mallDetail: sub('mall', 'detail'),
  coupons: sub('coupons', 'index'),
  couponDetail: sub('coupons', 'detail'),
  referrals: sub('referrals', 'index'),
  subscriptions: sub('subscriptions', 'index'),
} as const

export type RouteName = keyof typeof routes
export type TabRouteName = keyof typeof tabPages

export const isTabRoute = (name: RouteName): name is TabRouteName => name in tabPages

/** Appends a query string; values are URI-encoded once. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${path}?${parts.join('&')}` : path
}
