import { LogoutOutlined } from '@ant-design/icons'
import { ProLayout } from '@ant-design/pro-components'
import type { StaffProfile } from '@huiyuan/shared-types'
import { Button, Select, Space, Tag, Tooltip } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { Link, Outlet, useLocation } from 'react-router-dom'
import { authStore } from '../api/auth'
import { useScope } from '../api/hooks/session'
import { useStores } from '../api/hooks/stores'
import { roleNames, storeKindNames } from '../lib/format'
import { routesFor } from '../routes'

const copy = {
  title: '会员管理后台',
  allStores: '全部门店',
  scope: '查看范围',
  signOut: '退出登录',
}

/** HQ picks the store or region whose records the lists show; everyone else sees their own store. */
function ScopeSwitcher() {
  const scope = useScope()
  const stores = useStores()
  return (
    <Space size={4}>
      <span style={{ color: '#666' }}>{copy.scope}</span>
      <Select
        aria-label={copy.scope}
        style={{ width: 200 }}
        value={scope ?? ''}
        loading={stores.isLoading}
        onChange={(v: string) => authStore.setScope(v || null)}
        options={[{ value: '', label: copy.allStores }, ...(stores.data ?? []).filter((s) => s.kind !== 'hq').map((s) => ({ value: s.code, label: `${storeKindNames[s.kind]} · ${s.name}（${s.code}）` }))]}
        showSearch
        optionFilterProp="label"
      />
    </Space>
  )
}

export function ConsoleLayout({ staff }: { staff: StaffProfile }) {
  const location = useLocation()
  const queryClient = useQueryClient()
  const signOut = () => {
    authStore.signOut()
    queryClient.clear()
  }
  const menu = routesFor(staff.role).map((r) => ({ path: r.path, name: r.title, icon: r.icon, hideInMenu: r.hideInMenu }))
  return (
    <ProLayout
      title={copy.title}
      logo={false}
      layout="mix"
      fixSiderbar
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menu }}
      menuItemRender={(item, dom) => <Link to={item.path ?? '/'}>{dom}</Link>}
      actionsRender={() => [
        staff.role === 'hq_admin' ? <ScopeSwitcher key="scope" /> : null,
        <Space key="who" size={8}>
          <span data-testid="staff-name">{staff.displayName}</span>
          <Tag color="gold">{roleNames[staff.role]}</Tag>
          <Tag>{staff.store?.name ?? '总部'}</Tag>
        </Space>,
        <Tooltip key="out" title={copy.signOut}>
          <Button type="text" icon={<LogoutOutlined />} onClick={signOut}>
            {copy.signOut}
          </Button>
        </Tooltip>,
      ]}
    >
      <Outlet />
    </ProLayout>
  )
}
