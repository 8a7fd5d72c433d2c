import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components'
import type { Tier, TierPreview, TierQuery } from '@huiyuan/shared-types'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Col, InputNumber, Row, Space, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { programmeApi } from '../../api/endpoints/programme'
import { useSaveTier, useTierPreview, useTiers } from '../../api/hooks/programme'
import { queryKeys } from '../../api/query-keys'
import { FormDrawer } from '../../components/FormDrawer'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { TierForm, valuesToTier } from './TierForm'

const copy = {
  title: '会员等级',
  edit: '编辑',
  editTitle: (name: string) => `编辑等级：${name}`,
  saved: '等级已保存',
  whatIf: '调整门槛预览（不保存）',
  whatIfHint: '修改各等级的升级成长值，预览调整后各等级的会员人数。',
  preview: '预览人数',
  members: (n: number) => `${n} 人`,
}

function WhatIf({ tiers }: { tiers: Tier[] }) {
  const [thresholds, setThresholds] = useState<Record<string, number | null>>({})
  const preview = useTierPreview()
  const { message } = App.useApp()
  const run = () =>
    preview.mutate(
      { thresholds: tiers.map((t) => ({ code: t.code, entryGrowth: thresholds[t.code] ?? t.entryGrowth })) },
      { onError: (e) => void message.error(errorText(e)) },
    )
  const counts: TierPreview['counts'] = preview.data?.counts ?? []
  return (
    <Card title={copy.whatIf} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{copy.whatIfHint}</Typography.Paragraph>
      <Row gutter={16}>
        {tiers.map((t) => (
          <Col key={t.code} span={6}>
            <div>{t.name}</div>
            <InputNumber aria-label={`${t.name}门槛`} min={0} style={{ width: '100%' }} value={thresholds[t.code] ?? t.entryGrowth} onChange={(v) => setThresholds((s) => ({ ...s, [t.code]: v }))} onPressEnter={run} />
            {counts.find((c) => c.code === t.code) && <Tag color="gold" style={{ marginTop: 8 }}>{copy.members(counts.find((c) => c.code === t.code)?.members ?? 0)}</Tag>}
          </Col>
        ))}
      </Row>
      <Button style={{ marginTop: 16 }} onClick={run} loading={preview.isPending}>
        {copy.preview}
      </Button>
    </Card>
  )
}

/** ProTable's page and sort → the server's query (the cursor is the page's offset). */
export function tierListQuery(params: { current?: number; pageSize?: number }, sort: Record<string, 'ascend' | 'descend' | null>): TierQuery {
  const limit = params.pageSize ?? 20
  return {
    sort: sort.entryGrowth ? 'entry_growth_desc' : sort.rank === 'descend' ? 'rank_desc' : 'rank_asc',
    cursor: String(((params.current ?? 1) - 1) * limit),
    limit,
  }
}

export function TiersPage() {
  const tiers = useTiers()
  const save = useSaveTier()
  const queryClient = useQueryClient()
  const action = useRef<ActionType>(null)
  const [editing, setEditing] = useState<Tier | null>(null)
  const { message } = App.useApp()
  const columns: ProColumns<Tier>[] = [
    { title: '级别', dataIndex: 'rank', width: 80, sorter: true, defaultSortOrder: 'ascend' },
    { title: '等级', dataIndex: 'name', render: (_, t) => <Space><span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 6, background: t.cardColor }} />{t.name}<Typography.Text type="secondary">{t.code}</Typography.Text></Space> },
    { title: '升级成长值', dataIndex: 'entryGrowth', sorter: true },
    { title: '保级成长值', dataIndex: 'retainGrowth' },
    { title: '折扣', render: (_, t) => (t.benefits.discountPercent >= 100 ? '无' : `${t.benefits.discountPercent / 10} 折`) },
    { title: '积分倍数', render: (_, t) => `×${t.benefits.pointsMultiplier}` },
    { title: '生日积分', render: (_, t) => t.benefits.birthdayBonusPoints },
    { title: '权益', render: (_, t) => t.benefits.perks.join('、') || '—' },
    { title: '操作', width: 80, render: (_, t) => <Button type="link" onClick={() => setEditing(t)}>{copy.edit}</Button> },
  ]
  return (
    <Page title={copy.title}>
      <ProTable<Tier>
        rowKey="code"
        actionRef={action}
        search={false}
        options={{ reload: true, density: false, setting: false }}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个等级` }}
        request={async (params, sort) => {
          const query = tierListQuery(params, sort)
          const page = await queryClient.fetchQuery({ queryKey: queryKeys.tierPage(query), queryFn: () => programmeApi.tiers(query), staleTime: 0 })
          return { data: page.items, total: page.total, success: true }
        }}
      />
      {(tiers.data?.length ?? 0) > 0 && <WhatIf tiers={tiers.data ?? []} />}
      <FormDrawer title={editing ? copy.editTitle(editing.name) : ''} open={!!editing} onClose={() => setEditing(null)} formId="tier-form" saving={save.isPending}>
        {editing && (
          <TierForm
            id="tier-form"
            tier={editing}
            error={save.error}
            onSubmit={(values) =>
              save.mutate(valuesToTier(editing.code, values), {
                onSuccess: () => {
                  void message.success(copy.saved)
                  setEditing(null)
                  void action.current?.reload()
                },
                onError: (e) => void message.error(errorText(e)),
              })
            }
          />
        )}
      </FormDrawer>
    </Page>
  )
}
