import type { Member360 } from '@huiyuan/shared-types'
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, List, Row, Select, Skeleton, Space, Table, Tabs, Tag, Timeline } from 'antd'
import { useState } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import { useAddMemberNote, useMember360, useMemberTagging, useTags } from '../../api/hooks/tags'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime, day, yuan } from '../../lib/format'

const couponStatus: Record<string, string> = { active: '可用', used: '已使用', expired: '已过期' }

export function Member360Page() {
  const { id = '0' } = useParams()
  const memberId = Number(id)
  const navigate = useNavigate()
  const view = useMember360(memberId)
  if (view.isError) return <Page title="会员 360"><Alert type="error" showIcon message={errorText(view.error)} action={<Button onClick={() => navigate(-1)}>返回</Button>} /></Page>
  if (!view.data) return <Page title="会员 360"><Skeleton active /></Page>
  const v = view.data
  return (
    <Page title={`会员 360：${v.card.nickname ?? v.card.cardNo}`} extra={<Button onClick={() => navigate(-1)}>返回</Button>}>
      <Row gutter={16}>
        <Col span={16}>
          <Card>
            <Descriptions column={3} size="small" bordered>
              <Descriptions.Item label="卡号">{v.card.cardNo}</Descriptions.Item>
              <Descriptions.Item label="等级"><Tag color="gold">{v.card.tier.name}</Tag></Descriptions.Item>
              <Descriptions.Item label="积分"><strong data-testid="m360-points">{v.card.points}</strong></Descriptions.Item>
              <Descriptions.Item label="成长值">{v.card.growth}</Descriptions.Item>
              <Descriptions.Item label="手机">{v.profile.phoneMasked ?? '未绑定'}</Descriptions.Item>
              <Descriptions.Item label="生日">{v.profile.birthday ? `${v.profile.birthday.calendar === 'lunar' ? '农历' : '公历'} ${v.profile.birthday.month} 月 ${v.profile.birthday.day} 日` : '—'}</Descriptions.Item>
              <Descriptions.Item label="入会门店">{v.profile.joinStore?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="入会时间">{day(v.card.joinedAt)}</Descriptions.Item>
              <Descriptions.Item label="维护人">{v.maintainingClerk?.name ?? '未分配'}</Descriptions.Item>
              <Descriptions.Item label="最近消费">{dateTime(v.stats.lastPurchaseAt)}</Descriptions.Item>
              <Descriptions.Item label="近 12 个月">{v.stats.purchases365d} 次 · {yuan(v.stats.spend365dCents)}</Descriptions.Item>
              <Descriptions.Item label="下次生日">{v.stats.nextBirthday ?? '—'}</Descriptions.Item>
            </Descriptions>
            <MemberTags view={v} />
          </Card>
          <Card style={{ marginTop: 16 }}>
            <History view={v} />
          </Card>
        </Col>
        <Col span={8}>
          <Notes view={v} />
        </Col>
      </Row>
    </Page>
  )
}

function MemberTags({ view }: { view: Member360 }) {
  const tags = useTags()
  const tagging = useMemberTagging(view.card.id)
  const { message } = App.useApp()
  const carried = new Set(view.tags.map((t) => t.id))
  const manual = (tags.data ?? []).filter((t) => t.kind === 'manual' && !carried.has(t.id))
  const change = (tagId: number, add: boolean) => tagging.mutate({ tagId, add }, { onError: (e) => void message.error(errorText(e)) })
  return (
    <div style={{ marginTop: 12 }} data-testid="m360-tags">
      <span style={{ marginRight: 8 }}>标签：</span>
      {view.tags.length === 0 && <span style={{ color: '#888', marginRight: 8 }}>暂无</span>}
      {view.tags.map((t) => (
        <Tag key={t.id} color={t.colour} closable={t.kind === 'manual'} onClose={(e) => { e.preventDefault(); change(t.id, false) }}>{t.name}</Tag>
      ))}
      <Select aria-label="添加标签" size="small" placeholder="+ 手工标签" style={{ width: 140 }} value={null} onChange={(id: number) => change(id, true)} options={manual.map((t) => ({ value: t.id, label: t.name }))} />
    </div>
  )
}

function History({ view }: { view: Member360 }) {
  return (
    <Tabs
      items={[
        { key: 'purchases', label: `消费 ${view.purchases.length}`, children: <Table size="small" rowKey="id" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={view.purchases} columns={[{ title: '时间', render: (_, p) => dateTime(p.at) }, { title: '门店', dataIndex: 'storeName' }, { title: '订单号', dataIndex: 'orderNo' }, { title: '金额', render: (_, p) => yuan(p.amountCents) }, { title: '已退', render: (_, p) => (p.refundedCents ? yuan(p.refundedCents) : '—') }, { title: '积分', dataIndex: 'points' }]} /> },
        { key: 'ledger', label: '积分明细', children: <Table size="small" rowKey="id" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={view.ledger} columns={[{ title: '时间', render: (_, e) => dateTime(e.at) }, { title: '变动', render: (_, e) => (e.delta > 0 ? `+${e.delta}` : e.delta) }, { title: '余额', dataIndex: 'balanceAfter' }, { title: '说明', dataIndex: 'reason' }]} /> },
        { key: 'coupons', label: `券 ${view.coupons.length}`, children: <Table size="small" rowKey="id" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={view.coupons} columns={[{ title: '券', dataIndex: 'title' }, { title: '面额', dataIndex: 'faceText' }, { title: '状态', render: (_, c) => couponStatus[c.status] ?? c.status }, { title: '到期', render: (_, c) => day(c.expiresAt) }]} /> },
        { key: 'checkins', label: `签到 ${view.checkins.length}`, children: <Table size="small" rowKey="day" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={view.checkins} columns={[{ title: '日期', dataIndex: 'day' }, { title: '连续', dataIndex: 'streak' }, { title: '积分', dataIndex: 'points' }]} /> },
        {
          key: 'tiers',
          label: '等级与成长',
          children: view.tierHistory.length || view.growthHistory.length ? (
            <Timeline items={[...view.tierHistory.map((h) => ({ children: `${dateTime(h.at)} ${h.fromTier} → ${h.toTier}` })), ...view.growthHistory.slice(0, 10).map((g) => ({ color: 'gray', children: `${dateTime(g.at)} 成长值 ${g.amount > 0 ? '+' : ''}${g.amount}` }))]} />
          ) : (
            <Empty description="暂无记录" />
          ),
        },
        {
          key: 'referrals',
          label: '推荐',
          children: (
            <div>
              <p>推荐人：{view.referrals.referredBy ? `${view.referrals.referredBy.nickname ?? ''} ${view.referrals.referredBy.cardNo}` : '无'}</p>
              <List size="small" dataSource={view.referrals.referred} locale={{ emptyText: '尚未推荐他人' }} renderItem={(r) => <List.Item>{r.nickname ?? r.cardNo} · {day(r.joinedAt)}</List.Item>} />
            </div>
          ),
        },
      ]}
    />
  )
}

function Notes({ view }: { view: Member360 }) {
  const add = useAddMemberNote(view.card.id)
  const { message } = App.useApp()
  const [body, setBody] = useState('')
  const submit = () => add.mutate(body.trim(), { onSuccess: () => setBody(''), onError: (e) => void message.error(errorText(e)) })
  return (
    <Card title="跟进记录">
      <Space.Compact style={{ width: '100%' }}>
        <Input.TextArea aria-label="跟进内容" value={body} maxLength={500} autoSize={{ minRows: 2 }} onChange={(e) => setBody(e.target.value)} placeholder="记录一次跟进" />
      </Space.Compact>
      <Button type="primary" style={{ marginTop: 8 }} disabled={!body.trim()} loading={add.isPending} onClick={submit}>添加记录</Button>
      <List size="small" style={{ marginTop: 12 }} dataSource={view.notes} locale={{ emptyText: '暂无跟进记录' }} renderItem={(n) => <List.Item><div><div>{n.body}</div><div style={{ color: '#888', fontSize: 12 }}>{n.staffName} · {dateTime(n.createdAt)}</div></div></List.Item>} />
    </Card>
  )
}
