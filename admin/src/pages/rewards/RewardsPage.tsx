import { PlusOutlined } from '@ant-design/icons'
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components'
import type { RewardSort, StaffReward, StaffRewardQuery } from '@huiyuan/shared-types'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Input, Tag } from 'antd'
import { useRef, useState } from 'react'
import { couponsApi } from '../../api/endpoints/coupons'
import { useSaveReward } from '../../api/hooks/coupons'
import { useTiers } from '../../api/hooks/programme'
import { queryKeys } from '../../api/query-keys'
import { FormDrawer } from '../../components/FormDrawer'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime } from '../../lib/format'
import { emptyReward, RewardForm, rewardToValues, valuesToReward } from './RewardForm'

const PAGE_SIZE = 20

type Editing = { reward: StaffReward | null } | null
type TableSort = Record<string, 'ascend' | 'descend' | null>
type TableFilter = Record<string, (string | number | boolean)[] | null>

/** ProTable's page, sort and status filter → the server's query (the cursor is the page's offset). */
export function rewardListQuery(params: { q?: string; current?: number; pageSize?: number }, sort: TableSort, filter: TableFilter): StaffRewardQuery {
  const limit = params.pageSize ?? PAGE_SIZE
  const status = filter.status?.[0]
  const order: RewardSort | undefined =
    sort.pointsPrice === 'ascend' ? 'points_asc' : sort.pointsPrice === 'descend' ? 'points_desc' : sort.stockLeft ? 'stock_left_asc' : undefined
  return {
    q: params.q || undefined,
    status: status === 'active' || status === 'inactive' ? status : undefined,
    sort: order,
    cursor: String(((params.current ?? 1) - 1) * limit),
    limit,
  }
}

export function RewardsPage() {
  const tiers = useTiers()
  const save = useSaveReward()
  const queryClient = useQueryClient()
  const action = useRef<ActionType>(null)
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Editing>(null)
  const [q, setQ] = useState('')
  const open = (reward: StaffReward | null) => {
    save.reset()
    setEditing({ reward })
  }
  const columns: ProColumns<StaffReward>[] = [
    { title: '商品', dataIndex: 'title' },
    { title: '兑换所得', render: (_, r) => `${r.couponTemplate.faceText ?? ''} · ${r.couponTemplate.validityText}` },
    { title: '积分', dataIndex: 'pointsPrice', width: 100, sorter: true },
    { title: '库存（剩余/总）', dataIndex: 'stockLeft', width: 140, sorter: true, render: (_, r) => (r.stockLeft === 0 ? <Tag color="red">已兑完 / {r.stock}</Tag> : `${r.stockLeft} / ${r.stock}`) },
    { title: '已兑', dataIndex: 'redeemed', width: 70 },
    { title: '每人限兑', width: 80, render: (_, r) => (r.perMemberLimit ? r.perMemberLimit : '不限') },
    { title: '等级限制', width: 120, render: (_, r) => (r.minTier ? `${r.minTier.name} 及以上` : '不限') },
    { title: '上架时间', render: (_, r) => (r.onAt || r.offAt ? `${dateTime(r.onAt)} 至 ${dateTime(r.offAt)}` : '长期') },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      filters: [
        { text: '上架', value: 'active' },
        { text: '下架', value: 'inactive' },
      ],
      filterMultiple: false,
      render: (_, r) => (r.active ? <Tag color="green">上架</Tag> : <Tag>下架</Tag>),
    },
    { title: '操作', width: 70, render: (_, r) => <Button type="link" onClick={() => open(r)}>编辑</Button> },
  ]
  return (
    <Page
      title="积分商城"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
          新建商品
        </Button>
      }
    >
      <Input.Search
        aria-label="搜索商品"
        placeholder="按商品名称搜索，回车搜索"
        autoFocus
        allowClear
        enterButton="搜索"
        style={{ width: 360, marginBottom: 16 }}
        onSearch={(value) => {
          setQ(value.trim())
          action.current?.setPageInfo?.({ current: 1 })
        }}
      />
      <ProTable<StaffReward, { q: string }>
        rowKey="id"
        actionRef={action}
        search={false}
        options={{ reload: true, density: false, setting: false }}
        params={{ q }}
        columns={columns}
        locale={{ emptyText: q ? '没有名称相符的商品' : '积分商城还没有商品，点击右上角“新建商品”上架第一件' }}
        pagination={{ pageSize: PAGE_SIZE, showSizeChanger: true, showTotal: (n) => `共 ${n} 件商品` }}
        request={async (params, sort, filter) => {
          const query = rewardListQuery(params, sort, filter)
          const page = await queryClient.fetchQuery({ queryKey: queryKeys.rewardPage(query), queryFn: () => couponsApi.rewards(query), staleTime: 0 })
          return { data: page.items, total: page.total, success: true }
        }}
      />
      <FormDrawer title={editing?.reward ? `编辑商品：${editing.reward.title}` : '新建商品'} open={!!editing} onClose={() => setEditing(null)} formId="reward-form" saving={save.isPending}>
        {editing && (
          <RewardForm
            id="reward-form"
            initial={editing.reward ? rewardToValues(editing.reward) : emptyReward}
            currentTemplateLabel={editing.reward ? `${editing.reward.couponTemplate.faceText ?? ''}，${editing.reward.couponTemplate.validityText}` : undefined}
            tiers={tiers.data ?? []}
            error={save.error}
            onSubmit={(v) =>
              save.mutate(
                { id: editing.reward?.id ?? null, body: valuesToReward(v) },
                {
                  onSuccess: () => {
                    void message.success('商品已保存')
                    setEditing(null)
                    void action.current?.reload()
                  },
                  onError: (e) => void message.error(errorText(e)),
                },
              )
            }
          />
        )}
      </FormDrawer>
    </Page>
  )
}
