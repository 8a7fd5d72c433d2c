import type { SegmentMemberRow, SegmentRuleGroup } from '@huiyuan/shared-types'
import { Alert, App, Button, Card, Col, Input, Popconfirm, Row, Select, Skeleton, Space, Statistic, Table, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { isApiError } from '../../api/client'
import { useSaveSegment, useSegment, useSegmentFields, useSegmentMembers, useSegmentPreview, useSegmentTagging, useTags } from '../../api/hooks/tags'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { SegmentBuilder } from './SegmentBuilder'

const EMPTY: SegmentRuleGroup = { combinator: 'and', rules: [] }

/** The tree as it settles: the live count asks once the typing pauses. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

export function SegmentBuilderPage() {
  const { id: idParam = 'new' } = useParams()
  const id = idParam === 'new' ? null : Number(idParam)
  const navigate = useNavigate()
  const { message } = App.useApp()
  const fields = useSegmentFields()
  const tags = useTags()
  const segment = useSegment(id)
  const save = useSaveSegment()
  const [name, setName] = useState('')
  const [rules, setRules] = useState<SegmentRuleGroup | null>(id === null ? EMPTY : null)
  useEffect(() => {
    if (segment.data) {
      setName(segment.data.name)
      setRules(segment.data.rules)
    }
  }, [segment.data])
  const settled = useSettled(rules)
  const preview = useSegmentPreview(settled)

  if (!fields.data || !tags.data || rules === null) return <Page title="分群"><Skeleton active /></Page>
  const incomplete = preview.isError && isApiError(preview.error) && preview.error.is('VALIDATION_FAILED')
  const onSave = () =>
    save.mutate(
      { id, name: name.trim(), rules },
      {
        onSuccess: (s) => {
          void message.success('分群已保存')
          if (id === null) void navigate(`/segments/${s.id}`, { replace: true })
        },
        onError: (e) => void message.error(errorText(e)),
      },
    )
  return (
    <Page title={id === null ? '新建分群' : `分群：${segment.data?.name ?? ''}`} extra={<Button onClick={() => navigate('/segments')}>返回列表</Button>}>
      <Row gutter={16}>
        <Col span={16}>
          <Card title="条件" extra={
            <Space.Compact>
              <Input aria-label="分群名称" placeholder="分群名称" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} style={{ width: 220 }} />
              <Button type="primary" disabled={!name.trim()} loading={save.isPending} onClick={onSave}>保存分群</Button>
            </Space.Compact>
          }>
            <SegmentBuilder fields={fields.data} tags={tags.data} query={rules} onChange={setRules} />
          </Card>
        </Col>
        <Col span={8}>
          <Card title="实时人数">
            <div data-testid="segment-count" data-settled={String(!incomplete && !preview.isFetching && rules === settled)}>
              <Statistic title={incomplete ? '条件尚未填写完整或有误' : '符合条件的会员'} value={preview.data?.count ?? 0} loading={preview.isLoading} valueStyle={{ opacity: incomplete || preview.isFetching ? 0.5 : 1 }} />
            </div>
            {preview.data && (
              <>
                <div style={{ marginTop: 12 }}>
                  按等级：{preview.data.byTier.map((t) => <Tag key={t.tierCode}>{t.tierName} {t.count}</Tag>)}
                </div>
                <div style={{ marginTop: 8 }}>
                  按门店：{preview.data.byStore.slice(0, 8).map((s) => <Tag key={String(s.storeId)}>{s.storeName} {s.count}</Tag>)}
                </div>
              </>
            )}
          </Card>
        </Col>
      </Row>
      {id !== null && <SegmentMembers id={id} />}
    </Page>
  )
}

function SegmentMembers({ id }: { id: number }) {
  const members = useSegmentMembers(id)
  const tags = useTags()
  const tagging = useSegmentTagging(id)
  const { message } = App.useApp()
  const [tagId, setTagId] = useState<number | null>(null)
  const rows = members.data?.pages.flatMap((p) => p.items) ?? []
  const manual = (tags.data ?? []).filter((t) => t.kind === 'manual')
  const apply = (action: 'add' | 'remove') =>
    tagId !== null &&
    tagging.mutate({ tagId, action }, { onSuccess: (r) => void message.success(`${action === 'add' ? '已打上标签' : '已移除标签'}：${r.changed} 人`), onError: (e) => void message.error(errorText(e)) })
  return (
    <Card title="分群会员" style={{ marginTop: 16 }} extra={
      <Space>
        <Select aria-label="批量标签" placeholder="选择手工标签" style={{ width: 200 }} value={tagId ?? undefined} onChange={(v: number) => setTagId(v)} options={manual.map((t) => ({ value: t.id, label: t.name }))} />
        <Popconfirm title="给分群当前的全部会员打上该标签？" okText="打标签" cancelText="取消" onConfirm={() => apply('add')} disabled={tagId === null}>
          <Button type="primary" disabled={tagId === null} loading={tagging.isPending}>批量打标签</Button>
        </Popconfirm>
        <Popconfirm title="从分群当前的全部会员移除该标签？" okText="移除" cancelText="取消" onConfirm={() => apply('remove')} disabled={tagId === null}>
          <Button disabled={tagId === null}>批量移除</Button>
        </Popconfirm>
      </Space>
    }>
      {members.isError && <Alert type="error" showIcon message={errorText(members.error)} />}
      <Table<SegmentMemberRow>
        rowKey="id"
        size="small"
        loading={members.isLoading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '卡号', render: (_, m) => <Link to={`/member-360/${m.id}`}>{m.cardNo}</Link> },
          { title: '昵称', render: (_, m) => m.nickname ?? '—' },
          { title: '等级', dataIndex: 'tierCode' },
          { title: '积分', dataIndex: 'points', align: 'right' },
        ]}
      />
      {members.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage}>加载更多</Button>}
    </Card>
  )
}
