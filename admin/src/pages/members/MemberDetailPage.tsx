import type { LedgerEntry } from '@huiyuan/shared-types'
import { Alert, App, Button, Card, Descriptions, Modal, Select, Skeleton, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import { useAdjustPoints, useAssignClerk, useIssueCoupon, useMember, useMemberLedger } from '../../api/hooks/members'
import { useClerks } from '../../api/hooks/stores'
import { useSession } from '../../api/hooks/session'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { focusFirstField } from '../../lib/focus'
import { dateTime, day, newActionKey } from '../../lib/format'
import { AdjustPointsForm } from './AdjustPointsForm'
import { IssueCouponForm } from './IssueCouponForm'

const ledgerTypes = { earn: '获得', spend: '使用', expire: '过期', adjust: '调整', refund: '退款扣回', reversal: '冲正' } as const

export function MemberDetailPage() {
  const { cardNo = '' } = useParams()
  const navigate = useNavigate()
  const staff = useSession()
  const member = useMember(cardNo)
  const ledger = useMemberLedger(member.data?.id ?? null)
  const clerks = useClerks()
  const adjust = useAdjustPoints()
  const issue = useIssueCoupon()
  const assign = useAssignClerk()
  const { message } = App.useApp()
  const [dialog, setDialog] = useState<'adjust' | 'issue' | null>(null)
  const [actionKey, setActionKey] = useState(newActionKey)
  const open = (which: 'adjust' | 'issue') => {
    adjust.reset()
    issue.reset()
    setActionKey(newActionKey())
    setDialog(which)
  }
  const done = (text: string) => {
    void message.success(text)
    setDialog(null)
  }

  if (member.isError) return <Page title="会员详情"><Alert type="error" showIcon message={errorText(member.error)} action={<Button onClick={() => navigate('/members')}>返回会员列表</Button>} /></Page>
  if (!member.data) return <Page title="会员详情"><Skeleton active /></Page>
  const m = member.data
  const entries = ledger.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Page
      title={`会员：${m.nickname ?? m.cardNo}`}
      extra={
        <Space>
          <Button onClick={() => navigate('/members')}>返回列表</Button>
          <Button onClick={() => navigate(`/member-360/${m.id}`)}>360 视图</Button>
          {staff?.role === 'hq_admin' && <Button type="primary" onClick={() => open('adjust')}>调整积分</Button>}
          <Button onClick={() => open('issue')}>发券</Button>
        </Space>
      }
    >
      <Card>
        <Descriptions column={3} bordered size="middle">
          <Descriptions.Item label="卡号">{m.cardNo}</Descriptions.Item>
          <Descriptions.Item label="昵称">{m.nickname ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="手机">{m.phoneMasked ?? '未绑定'}</Descriptions.Item>
          <Descriptions.Item label="等级"><Tag color="gold">{m.tier.name}</Tag>{m.tier.discountPercent < 100 ? `${m.tier.discountPercent / 10} 折` : '无折扣'}</Descriptions.Item>
          <Descriptions.Item label="积分"><strong data-testid="member-points">{m.points}</strong></Descriptions.Item>
          <Descriptions.Item label="成长值">{m.growth}</Descriptions.Item>
          <Descriptions.Item label="入会门店">{m.joinStore?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="最近到店">{dateTime(m.lastVisitAt)}</Descriptions.Item>
          <Descriptions.Item label="标签">{m.tags.length ? m.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—'}</Descriptions.Item>
          <Descriptions.Item label="维护人" span={3}>
            <Select
              aria-label="维护人"
              style={{ width: 280 }}
              placeholder="未分配"
              value={m.maintainingClerk?.id}
              loading={assign.isPending}
              options={(clerks.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.store?.name ?? '总部'}）` }))}
              onChange={(clerkId: number) =>
                assign.mutate({ memberId: m.id, clerkId }, { onSuccess: () => void message.success('维护人已更新'), onError: (e) => void message.error(errorText(e)) })
              }
            />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="积分明细" style={{ marginTop: 16 }}>
        <Table<LedgerEntry>
          rowKey="id"
          size="small"
          loading={ledger.isLoading}
          dataSource={entries}
          pagination={false}
          columns={[
            { title: '时间', render: (_, e) => dateTime(e.createdAt) },
            { title: '类型', render: (_, e) => ledgerTypes[e.type] },
            { title: '变动', render: (_, e) => <span style={{ color: e.delta >= 0 ? '#389e0d' : '#cf1322' }}>{e.delta > 0 ? `+${e.delta}` : e.delta}</span> },
            { title: '余额', dataIndex: 'balanceAfter' },
            { title: '说明', dataIndex: 'reason' },
          ]}
        />
        {ledger.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => void ledger.fetchNextPage()} loading={ledger.isFetchingNextPage}>加载更多</Button>}
      </Card>
      <Modal title={`调整积分：${m.cardNo}（当前 ${m.points}）`} open={dialog === 'adjust'} onCancel={() => setDialog(null)} okText="确认调整" cancelText="取消" okButtonProps={{ htmlType: 'submit', form: 'adjust-form' }} confirmLoading={adjust.isPending} destroyOnHidden afterOpenChange={(o) => o && focusFirstField('adjust-form')}>
        <AdjustPointsForm
          id="adjust-form"
          error={adjust.error}
          onSubmit={(body) =>
            adjust.mutate({ memberId: m.id, body, key: actionKey }, { onSuccess: (r) => done(`已调整，当前积分 ${r.balance}`), onError: (e) => void message.error(errorText(e)) })
          }
        />
      </Modal>
      <Modal title={`发券：${m.cardNo}`} open={dialog === 'issue'} onCancel={() => setDialog(null)} okText="发放" cancelText="取消" okButtonProps={{ htmlType: 'submit', form: 'issue-form' }} confirmLoading={issue.isPending} destroyOnHidden afterOpenChange={(o) => o && focusFirstField('issue-form')}>
        <IssueCouponForm
          id="issue-form"
          error={issue.error}
          onSubmit={(v) =>
            issue.mutate({ body: { memberCardNo: m.cardNo, ...v }, key: actionKey }, { onSuccess: (c) => done(`已发放：${c.title}（券码 ${c.code}，有效期至 ${day(c.expiresAt)}）`), onError: (e) => void message.error(errorText(e)) })
          }
        />
      </Modal>
    </Page>
  )
}
