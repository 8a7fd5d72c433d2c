import { SwapOutlined } from '@ant-design/icons'
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components'
import type { MemberListItem, MemberListQuery, MemberSort } from '@huiyuan/shared-types'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Input, Space, Tag } from 'antd'
import { useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { membersApi } from '../../api/endpoints/members'
import { useScope } from '../../api/hooks/session'
import { useClerks, useStores } from '../../api/hooks/stores'
import { useTiers } from '../../api/hooks/programme'
import { queryKeys } from '../../api/query-keys'
import { Page } from '../../components/Page'
import { dateTime, day } from '../../lib/format'
import { TransferClerkModal } from './TransferClerkModal'

const PAGE_SIZE = 20

/** ProTable's sort state → the server's sort parameter. */
export function sortParam(sort: Record<string, 'ascend' | 'descend' | null>): MemberSort | undefined {
  if (sort.points === 'ascend') return 'points_asc'
  if (sort.points === 'descend') return 'points_desc'
  if (sort.joinedAt === 'ascend') return 'joined_asc'
  if (sort.joinedAt === 'descend') return 'joined_desc'
  if (sort.lastVisitAt) return 'last_visit_desc'
  return undefined
}

type TableFilter = Record<string, (string | number | boolean)[] | null>

/** ProTable's page, sort and column filters → the server's query (the cursor is the page's offset). */
export function memberListQuery(
  params: { q?: string; scope?: string | null; current?: number; pageSize?: number },
  sort: Record<string, 'ascend' | 'descend' | null>,
  filter: TableFilter,
): MemberListQuery {
  const limit = params.pageSize ?? PAGE_SIZE
  const first = (key: string) => filter[key]?.[0]
  return {
    q: params.q || undefined,
    tierCode: first('tierCode') !== undefined ? String(first('tierCode')) : undefined,
    storeCode: first('storeCode') !== undefined ? String(first('storeCode')) : (params.scope ?? undefined),
    clerkId: first('clerkId') !== undefined ? Number(first('clerkId')) : undefined,
    sort: sortParam(sort),
    cursor: String(((params.current ?? 1) - 1) * limit),
    limit,
  }
}

export function MembersPage() {
  const navigate = useNavigate()
  const scope = useScope()
  const tiers = useTiers()
  const stores = useStores()
  const clerks = useClerks()
  const queryClient = useQueryClient()
  const action = useRef<ActionType>(null)
  const [q, setQ] = useState('')
  const [transferOpen, setTransferOpen] = useState(false)

  const columns: ProColumns<MemberListItem>[] = [
    { title: '卡号', dataIndex: 'cardNo', width: 130, render: (_, m) => <Link to={`/members/${m.cardNo}`}>{m.cardNo}</Link> },
    { title: '昵称', dataIndex: 'nickname', width: 100, ellipsis: true, render: (_, m) => m.nickname ?? '—' },
    { title: '手机', dataIndex: 'phoneMasked', width: 120, render: (_, m) => m.phoneMasked ?? '—' },
    {
      title: '等级',
      dataIndex: 'tierCode',
      width: 110,
      filters: (tiers.data ?? []).map((t) => ({ text: t.name, value: t.code })),
      filterMultiple: false,
      render: (_, m) => m.tier.name,
    },
    { title: '积分', dataIndex: 'points', width: 90, sorter: true },
    { title: '标签', dataIndex: 'tags', render: (_, m) => (m.tags.length ? m.tags.slice(0, 3).map((t) => <Tag key={t}>{t}</Tag>) : '—') },
    { title: '成长值', dataIndex: 'growth', width: 80 },
    {
      title: '入会门店',
      dataIndex: 'storeCode',
      width: 130,
      filters: (stores.data ?? []).filter((s) => s.kind !== 'hq').map((s) => ({ text: s.name, value: s.code })),
      filterMultiple: false,
      render: (_, m) => m.joinStore?.name ?? '—',
    },
    {
      title: '维护人',
      dataIndex: 'clerkId',
      width: 100,
      filters: (clerks.data?.items ?? []).map((c) => ({ text: c.displayName, value: c.id })),
      filterMultiple: false,
      render: (_, m) => m.maintainingClerk?.displayName ?? '—',
    },
    { title: '最近到店', dataIndex: 'lastVisitAt', width: 150, sorter: true, render: (_, m) => dateTime(m.lastVisitAt) },
    { title: '入会日期', dataIndex: 'joinedAt', width: 120, sorter: true, defaultSortOrder: 'descend', render: (_, m) => day(m.joinedAt) },
  ]

  return (
    <Page
      title="会员"
      extra={
        <Button icon={<SwapOutlined />} onClick={() => setTransferOpen(true)}>
          批量转移维护人
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索会员"
          placeholder="卡号 / 手机号 / 昵称，回车搜索"
          autoFocus
          allowClear
          enterButton="搜索"
          style={{ width: 420 }}
          onSearch={(value) => {
            setQ(value.trim())
            action.current?.setPageInfo?.({ current: 1 })
          }}
        />
      </Space>
      <ProTable<MemberListItem, { q: string; scope: string | null }>
        rowKey="id"
        actionRef={action}
        search={false}
        options={{ reload: true, density: false, setting: false }}
        params={{ q, scope }}
        columns={columns}
        scroll={{ x: 1300 }}
        pagination={{ pageSize: PAGE_SIZE, showSizeChanger: true, showTotal: (n) => `共 ${n} 位会员` }}
        onRow={(m) => ({ onDoubleClick: () => navigate(`/members/${m.cardNo}`) })}
        request={async (params, sort, filter) => {
          const query = memberListQuery(params, sort, filter)
          const page = await queryClient.fetchQuery({ queryKey: queryKeys.members(query), queryFn: () => membersApi.list(query), staleTime: 0 })
          return { data: page.items, total: page.total, success: true }
        }}
      />
      <TransferClerkModal open={transferOpen} onClose={() => setTransferOpen(false)} onDone={() => void action.current?.reload()} />
    </Page>
  )
}
