import {
  AreaChartOutlined,
  AuditOutlined,
  HeartOutlined,
  ThunderboltOutlined,
  ApartmentOutlined,
  MessageOutlined,
  TagOutlined,
  CalendarOutlined,
  CrownOutlined,
  DownloadOutlined,
  GiftOutlined,
  IdcardOutlined,
  NotificationOutlined,
  ScanOutlined,
  ShopOutlined,
  ShareAltOutlined,
  TagsOutlined,
  TeamOutlined,
  TransactionOutlined,
  UploadOutlined,
  WalletOutlined,
} from '@ant-design/icons'
import type { StaffRole } from '@huiyuan/shared-types'
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react'

export interface ConsoleRoute {
  path: string
  title: string
  icon?: ReactNode
  /** Who sees the link and may open the page; the server enforces the same roles on its routes. */
  roles: readonly StaffRole[]
  page: LazyExoticComponent<ComponentType>
  /** Detail pages open from a list, not from the menu. */
  hideInMenu?: boolean
}

const HQ: readonly StaffRole[] = ['hq_admin']
const MANAGERS: readonly StaffRole[] = ['hq_admin', 'store_manager']
const EVERYONE: readonly StaffRole[] = ['hq_admin', 'store_manager', 'clerk']

/** Each page is its own chunk, loaded on first visit. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

/**
 * The console's pages, in menu order: the one place to add a page (path, title, icon, roles, and the
 * lazily loaded component). Navigation and the router are both built from it.
 */
export const consoleRoutes: ConsoleRoute[] = [
  { path: '/members', title: '会员', icon: <TeamOutlined />, roles: MANAGERS, page: page(() => import('./pages/members/MembersPage'), 'MembersPage') },
  { path: '/members/:cardNo', title: '会员详情', roles: MANAGERS, hideInMenu: true, page: page(() => import('./pages/members/MemberDetailPage'), 'MemberDetailPage') },
  { path: '/member-360/:id', title: '会员 360', roles: EVERYONE, hideInMenu: true, page: page(() => import('./pages/member-360/Member360Page'), 'Member360Page') },
  { path: '/tags', title: '标签', icon: <TagOutlined />, roles: MANAGERS, page: page(() => import('./pages/tags/TagsPage'), 'TagsPage') },
  { path: '/segments', title: '分群', icon: <ApartmentOutlined />, roles: MANAGERS, page: page(() => import('./pages/segments/SegmentsPage'), 'SegmentsPage') },
  { path: '/segments/:id', title: '分群详情', roles: MANAGERS, hideInMenu: true, page: page(() => import('./pages/segments/SegmentBuilderPage'), 'SegmentBuilderPage') },
  { path: '/campaigns', title: '营销活动', icon: <NotificationOutlined />, roles: HQ, page: page(() => import('./pages/campaigns/CampaignsPage'), 'CampaignsPage') },
  { path: '/campaigns/:id', title: '营销活动详情', roles: HQ, hideInMenu: true, page: page(() => import('./pages/campaigns/CampaignPage'), 'CampaignPage') },
  { path: '/automations', title: '自动化', icon: <ThunderboltOutlined />, roles: HQ, page: page(() => import('./pages/automations/AutomationsPage'), 'AutomationsPage') },
  { path: '/care-tasks', title: '关怀任务', icon: <HeartOutlined />, roles: MANAGERS, page: page(() => import('./pages/care-tasks/CareTasksPage'), 'CareTasksPage') },
  { path: '/message-templates', title: '消息模板', icon: <MessageOutlined />, roles: MANAGERS, page: page(() => import('./pages/message-templates/MessageTemplatesPage'), 'MessageTemplatesPage') },
  { path: '/dashboards', title: '数据看板', icon: <AreaChartOutlined />, roles: MANAGERS, page: page(() => import('./pages/dashboards/DashboardPage'), 'DashboardPage') },
  { path: '/tiers', title: '等级', icon: <CrownOutlined />, roles: HQ, page: page(() => import('./pages/tiers/TiersPage'), 'TiersPage') },
  { path: '/earning-rules', title: '积分规则', icon: <TransactionOutlined />, roles: HQ, page: page(() => import('./pages/earning-rules/EarningRulesPage'), 'EarningRulesPage') },
  { path: '/checkin-rules', title: '签到规则', icon: <CalendarOutlined />, roles: HQ, page: page(() => import('./pages/checkin-rules/CheckinRulesPage'), 'CheckinRulesPage') },
  { path: '/referrals', title: '推荐规则与审核', icon: <ShareAltOutlined />, roles: HQ, page: page(() => import('./pages/referrals/ReferralsPage'), 'ReferralsPage') },
  { path: '/rewards', title: '积分商城', icon: <GiftOutlined />, roles: HQ, page: page(() => import('./pages/rewards/RewardsPage'), 'RewardsPage') },
  { path: '/coupon-templates', title: '券模板', icon: <TagsOutlined />, roles: MANAGERS, page: page(() => import('./pages/coupon-templates/CouponTemplatesPage'), 'CouponTemplatesPage') },
  { path: '/stores', title: '门店', icon: <ShopOutlined />, roles: MANAGERS, page: page(() => import('./pages/stores/StoresPage'), 'StoresPage') },
  { path: '/staff', title: '员工', icon: <IdcardOutlined />, roles: MANAGERS, page: page(() => import('./pages/staff/StaffPage'), 'StaffPage') },
  { path: '/verifications', title: '核销记录', icon: <ScanOutlined />, roles: EVERYONE, page: page(() => import('./pages/verifications/VerificationsPage'), 'VerificationsPage') },
  { path: '/settlement', title: '跨店结算', icon: <WalletOutlined />, roles: MANAGERS, page: page(() => import('./pages/verifications/SettlementPage'), 'SettlementPage') },
  { path: '/exports', title: '导出', icon: <DownloadOutlined />, roles: MANAGERS, page: page(() => import('./pages/transfers/ExportsPage'), 'ExportsPage') },
  { path: '/imports', title: '导入会员', icon: <UploadOutlined />, roles: HQ, page: page(() => import('./pages/transfers/ImportsPage'), 'ImportsPage') },
  { path: '/audit', title: '审计日志', icon: <AuditOutlined />, roles: HQ, page: page(() => import('./pages/audit/AuditPage'), 'AuditPage') },
]

export const routesFor = (role: StaffRole): ConsoleRoute[] => consoleRoutes.filter((r) => r.roles.includes(role))

/** Where a role lands after signing in. */
export const homeFor = (role: StaffRole): string => routesFor(role).find((r) => !r.hideInMenu)?.path ?? '/verifications'
