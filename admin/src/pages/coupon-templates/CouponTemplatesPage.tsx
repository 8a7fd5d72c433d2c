import { PlusOutlined } from '@ant-design/icons'
import type { CouponTemplate } from '@huiyuan/shared-types'
import { App, Button, Input, Table, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { useCouponTemplates, useSaveCouponTemplate } from '../../api/hooks/coupons'
import { useTiers } from '../../api/hooks/programme'
import { useStores } from '../../api/hooks/stores'
import { FormDrawer } from '../../components/FormDrawer'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { couponKindNames } from '../../lib/format'
import { CouponTemplateForm } from './CouponTemplateForm'
import { emptyTemplate, templateToValues, valuesToTemplate } from './template-form'

type Editing = { template: CouponTemplate | null } | null

export function CouponTemplatesPage() {
  const templates = useCouponTemplates()
  const stores = useStores()
  const tiers = useTiers()
  const save = useSaveCouponTemplate()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Editing>(null)
  const [q, setQ] = useState('')
  const rows = useMemo(() => (templates.data ?? []).filter((t) => !q || t.title.includes(q.trim())), [templates.data, q])
  const open = (template: CouponTemplate | null) => {
    save.reset()
    setEditing({ template })
  }
  return (
    <Page
      title="券模板"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
          新建券模板
        </Button>
      }
    >
      <Input.Search placeholder="按券名称筛选" allowClear style={{ width: 280, marginBottom: 16 }} onSearch={setQ} />
      <Table<CouponTemplate>
        rowKey="id"
        loading={templates.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个` }}
        columns={[
          { title: '券名称', dataIndex: 'title', width: 180 },
          {
            title: '类型',
            width: 90,
            filters: Object.entries(couponKindNames).map(([value, text]) => ({ value, text })),
            onFilter: (v, t) => t.kind === v,
            render: (_, t) => couponKindNames[t.kind],
          },
          { title: '面值', dataIndex: 'faceText' },
          { title: '有效期', dataIndex: 'validityText' },
          { title: '适用门店', dataIndex: 'storesText' },
          { title: '已发/总量', render: (_, t) => `${t.issuedCount} / ${t.totalStock ?? '不限'}`, sorter: (a, b) => a.issuedCount - b.issuedCount },
          { title: '限领', width: 140, render: (_, t) => [t.perMemberLimit ? `每人 ${t.perMemberLimit}` : null, t.perMemberDailyLimit ? `每日 ${t.perMemberDailyLimit}` : null].filter(Boolean).join('，') || '不限' },
          { title: '归属', width: 90, render: (_, t) => t.ownerStore?.name ?? '总部' },
          { title: '状态', width: 80, render: (_, t) => (t.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          { title: '操作', width: 80, render: (_, t) => <Button type="link" onClick={() => open(t)}>编辑</Button> },
        ]}
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
