import { PlusOutlined } from '@ant-design/icons'
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components'
import type { CouponKind, CouponTemplate, CouponTemplateQuery } from '@huiyuan/shared-types'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Input, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { couponsApi } from '../../api/endpoints/coupons'
import { useSaveCouponTemplate } from '../../api/hooks/coupons'
import { useTiers } from '../../api/hooks/programme'
import { useSession } from '../../api/hooks/session'
import { useStores } from '../../api/hooks/stores'
import { queryKeys } from '../../api/query-keys'
import { FormDrawer } from '../../components/FormDrawer'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { couponKindNames } from '../../lib/format'
import { CouponTemplateForm } from './CouponTemplateForm'
import { emptyTemplate, templateToValues, valuesToTemplate } from './template-form'

const PAGE_SIZE = 20

type Editing = { template: CouponTemplate | null } | null
type TableSort = Record<string, 'ascend' | 'descend' | null>
type TableFilter = Record<string, (string | number | boolean)[] | null>

const isKind = (v: unknown): v is CouponKind => v === 'cash' || v === 'discount' || v === 'gift'

/** ProTable's page, sort and column filters → the server's query (the cursor is the page's offset). */
export function templateListQuery(params: { q?: string; current?: number; pageSize?: number }, sort: TableSort, filter: TableFilter): CouponTemplateQuery {
  const limit = params.pageSize ?? PAGE_SIZE
  const kind = filter.kind?.[0]
  const status = filter.status?.[0]
  const owner = filter.owner?.[0]
  return {
    q: params.q || undefined,
    kind: isKind(kind) ? kind : undefined,
    status: status === 'active' || status === 'inactive' ? status : undefined,
    owner: owner === 'hq' || owner === 'store' ? owner : undefined,
    sort: sort.title ? 'title' : 'newest',
    cursor: String(((params.current ?? 1) - 1) * limit),
    limit,
  }
}

export function CouponTemplatesPage() {
  const staff = useSession()
  // HQ's templates are edited by HQ only (the server refuses a manager's edit): no button that would fail.
  const mayEdit = (t: CouponTemplate) => staff?.role === 'hq_admin' || t.ownerStore !== null
  const stores = useStores()
  const tiers = useTiers()
  const save = useSaveCouponTemplate()
  const queryClient = useQueryClient()
  const action = useRef<ActionType>(null)
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Editing>(null)
  const [q, setQ] = useState('')
  const open = (template: CouponTemplate | null) => {
    save.reset()
    setEditing({ template })
  }
  const columns: ProColumns<CouponTemplate>[] = [
    { title: '券名称', dataIndex: 'title', width: 160, sorter: true, tooltip: '默认最新建的在前；点此按名称排序' },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 90,
      filters: Object.entries(couponKindNames).map(([value, text]) => ({ value, text })),
      filterMultiple: false,
      render: (_, t) => couponKindNames[t.kind],
    },
    { title: '面值', dataIndex: 'faceText' },
    { title: '有效期', dataIndex: 'validityText' },
    { title: '适用门店', dataIndex: 'storesText' },
    { title: '已发/总量', width: 100, render: (_, t) => `${t.issuedCount} / ${t.totalStock ?? '不限'}` },
    { title: '限领', width: 100, render: (_, t) => [t.perMemberLimit ? `每人 ${t.perMemberLimit}` : null, t.perMemberDailyLimit ? `每日 ${t.perMemberDailyLimit}` : null].filter(Boolean).join('，') || '不限' },
    {
      title: '归属',
      dataIndex: 'owner',
      width: 90,
      filters: [
        { text: '总部', value: 'hq' },
        { text: '门店自建', value: 'store' },
      ],
      filterMultiple: false,
      render: (_, t) => t.ownerStore?.name ?? '总部',
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      filters: [
        { text: '启用', value: 'active' },
        { text: '停用', value: 'inactive' },
      ],
      filterMultiple: false,
      render: (_, t) => (t.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      width: 80,
      render: (_, t) => (mayEdit(t) ? <Button type="link" onClick={() => open(t)}>编辑</Button> : <Typography.Text type="secondary">总部管理</Typography.Text>),
    },
  ]
  return (
    <Page
      title="券模板"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
          新建券模板
        </Button>
      }
    >
      <Input.Search
        aria-label="搜索券模板"
        placeholder="按券名称搜索，回车搜索"
        autoFocus
        allowClear
        enterButton="搜索"
        style={{ width: 360, marginBottom: 16 }}
        onSearch={(value) => {
          setQ(value.trim())
          action.current?.setPageInfo?.({ current: 1 })
        }}
      />
      <ProTable<CouponTemplate, { q: string }>
        rowKey="id"
        actionRef={action}
        search={false}
        options={{ reload: true, density: false, setting: false }}
        params={{ q }}
        columns={columns}
        locale={{ emptyText: q ? '没有名称相符的券模板' : '还没有券模板，点击右上角“新建券模板”创建第一张券' }}
        pagination={{ pageSize: PAGE_SIZE, showSizeChanger: true, showTotal: (n) => `共 ${n} 个券模板` }}
        request={async (params, sort, filter) => {
          const query = templateListQuery(params, sort, filter)
          const page = await queryClient.fetchQuery({ queryKey: queryKeys.couponTemplatePage(query), queryFn: () => couponsApi.templates(query), staleTime: 0 })
          return { data: page.items, total: page.total, success: true }
        }}
      />
      <FormDrawer title={editing?.template ? `编辑券模板：${editing.template.title}` : '新建券模板'} open={!!editing} onClose={() => setEditing(null)} formId="template-form" saving={save.isPending}>
        {editing && (
          <CouponTemplateForm
            id="template-form"
            initial={editing.template ? templateToValues(editing.template) : emptyTemplate}
            stores={stores.data ?? []}
            tiers={tiers.data ?? []}
            error={save.error}
            onSubmit={(v) =>
              save.mutate(
                { id: editing.template?.id ?? null, body: valuesToTemplate(v) },
                {
                  onSuccess: () => {
                    void message.success('券模板已保存')
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
