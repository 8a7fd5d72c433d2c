import { PlusOutlined } from '@ant-design/icons'
import type { StaffReward } from '@huiyuan/shared-types'
import { App, Button, Input, Table, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { useCouponTemplates, useRewards, useSaveReward } from '../../api/hooks/coupons'
import { useTiers } from '../../api/hooks/programme'
import { FormDrawer } from '../../components/FormDrawer'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime } from '../../lib/format'
import { emptyReward, RewardForm, rewardToValues, valuesToReward } from './RewardForm'

type Editing = { reward: StaffReward | null } | null

export function RewardsPage() {
  const rewards = useRewards()
  const templates = useCouponTemplates()
  const tiers = useTiers()
  const save = useSaveReward()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Editing>(null)
  const [q, setQ] = useState('')
  const rows = useMemo(() => (rewards.data ?? []).filter((r) => !q || r.title.includes(q.trim())), [rewards.data, q])
  const open = (reward: StaffReward | null) => {
    save.reset()
    setEditing({ reward })
  }
  return (
    <Page
      title="积分商城"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
          新建商品
        </Button>
      }
    >
      <Input.Search placeholder="按商品名称筛选" allowClear style={{ width: 280, marginBottom: 16 }} onSearch={setQ} />
      <Table<StaffReward>
        rowKey="id"
        loading={rewards.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件` }}
        columns={[
          { title: '商品', dataIndex: 'title' },
          { title: '兑换所得', render: (_, r) => `${r.couponTemplate.faceText ?? ''} · ${r.couponTemplate.validityText}` },
          { title: '积分', dataIndex: 'pointsPrice', sorter: (a, b) => a.pointsPrice - b.pointsPrice },
          { title: '库存（剩余/总）', render: (_, r) => `${r.stockLeft} / ${r.stock}`, sorter: (a, b) => a.stockLeft - b.stockLeft },
          { title: '已兑', dataIndex: 'redeemed', sorter: (a, b) => a.redeemed - b.redeemed },
          { title: '每人限兑', render: (_, r) => (r.perMemberLimit ? r.perMemberLimit : '不限') },
          { title: '等级限制', render: (_, r) => (r.minTier ? `${r.minTier.name} 及以上` : '不限') },
          { title: '上架时间', render: (_, r) => (r.onAt || r.offAt ? `${dateTime(r.onAt)} 至 ${dateTime(r.offAt)}` : '长期') },
          {
            title: '状态',
            filters: [
              { text: '上架', value: true },
              { text: '下架', value: false },
            ],
            onFilter: (v, r) => r.active === v,
            render: (_, r) => (r.active ? <Tag color="green">上架</Tag> : <Tag>下架</Tag>),
          },
          { title: '操作', render: (_, r) => <Button type="link" onClick={() => open(r)}>编辑</Button> },
        ]}
      />
      <FormDrawer title={editing?.reward ? `编辑商品：${editing.reward.title}` : '新建商品'} open={!!editing} onClose={() => setEditing(null)} formId="reward-form" saving={save.isPending}>
        {editing && (
          <RewardForm
            id="reward-form"
            initial={editing.reward ? rewardToValues(editing.reward) : emptyReward}
            templates={templates.data ?? []}
            tiers={tiers.data ?? []}
            error={save.error}
            onSubmit={(v) =>
              save.mutate(
                { id: editing.reward?.id ?? null, body: valuesToReward(v) },
                {
                  onSuccess: () => {
                    void message.success('商品已保存')
                    setEditing(null)
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
