import type { Tier, TierPreview } from '@huiyuan/shared-types'
import { App, Button, Card, Col, InputNumber, Row, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSaveTier, useTierPreview, useTiers } from '../../api/hooks/programme'
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

export function TiersPage() {
  const tiers = useTiers()
  const save = useSaveTier()
  const [editing, setEditing] = useState<Tier | null>(null)
  const { message } = App.useApp()
  const rows = [...(tiers.data ?? [])].sort((a, b) => a.rank - b.rank)
  return (
    <Page title={copy.title}>
      <Table<Tier>
        rowKey="code"
        loading={tiers.isLoading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '级别', dataIndex: 'rank', width: 70 },
          { title: '等级', dataIndex: 'name', render: (name: string, t) => <Space><span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 6, background: t.cardColor }} />{name}<Typography.Text type="secondary">{t.code}</Typography.Text></Space> },
          { title: '升级成长值', dataIndex: 'entryGrowth' },
          { title: '保级成长值', dataIndex: 'retainGrowth' },
          { title: '折扣', render: (_, t) => (t.benefits.discountPercent >= 100 ? '无' : `${t.benefits.discountPercent / 10} 折`) },
          { title: '积分倍数', render: (_, t) => `×${t.benefits.pointsMultiplier}` },
          { title: '生日积分', render: (_, t) => t.benefits.birthdayBonusPoints },
          { title: '权益', render: (_, t) => t.benefits.perks.join('、') || '—' },
          { title: '操作', width: 80, render: (_, t) => <Button type="link" onClick={() => setEditing(t)}>{copy.edit}</Button> },
        ]}
      />
      {rows.length > 0 && <WhatIf tiers={rows} />}
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
