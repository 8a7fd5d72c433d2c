import type { CampaignAudience, CampaignResults, CampaignView, DeliveryStatus, MessageTemplateField } from '@huiyuan/shared-types'
import { useState } from 'react'
import { Alert, App, Button, Card, Col, Descriptions, Empty, Popconfirm, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd'
import { useNavigate, useParams } from 'react-router-dom'
import { useCampaign, useCampaignAction, useCampaignAudience, useCampaignResults, useSaveCampaign, useTestSend } from '../../api/hooks/campaigns'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime } from '../../lib/format'
import { deliveryNames, errcodeNames, stateNotice, statusNames } from './campaign-copy'
import { CampaignForm, TYPE_HINTS } from './CampaignForm'
import { useMessageTemplates } from '../../api/hooks/subscriptions'

export function CampaignPage() {
  const { id: idParam = 'new' } = useParams()
  const id = idParam === 'new' ? null : Number(idParam)
  const navigate = useNavigate()
  const { message } = App.useApp()
  const campaign = useCampaign(id)
  const save = useSaveCampaign()
  const back = <Button onClick={() => navigate('/campaigns')}>返回列表</Button>

  if (id !== null && !campaign.data) return <Page title="营销活动">{campaign.isError ? <Alert type="error" message={errorText(campaign.error)} /> : <Skeleton active />}</Page>
  const c = campaign.data
  if (!c || c.status === 'draft') {
    return (
      <Page title={c ? `营销活动：${c.name}` : '新建营销活动'} extra={back}>
        <CampaignForm
          key={c?.id ?? 'new'}
          campaign={c}
          saving={save.isPending}
          error={save.error}
          onSave={(body) =>
            save.mutate(
              { id, body },
              {
                onSuccess: (saved) => {
                  void message.success('草稿已保存')
                  if (id === null) void navigate(`/campaigns/${saved.id}`, { replace: true })
                },
                onError: (e) => void message.error(errorText(e)),
              },
            )
          }
        />
        {c && <BeforeSending campaign={c} />}
      </Page>
    )
  }
  return (
    <Page title={`营销活动：${c.name}`} extra={back}>
      <Sending campaign={c} />
    </Page>
  )
}

/** Who it reaches, the message for three members, a test send to oneself, then the launch. */
function BeforeSending({ campaign }: { campaign: CampaignView }) {
  const { message } = App.useApp()
  const [asked, setAsked] = useState(false)
  const audience = useCampaignAudience(campaign.id, asked)
  const testSend = useTestSend(campaign.id)
  const fields = useMessageTemplates().data?.find((t) => t.id === campaign.templateId)?.fields ?? []
  const act = useCampaignAction(campaign.id)
  const launch = () =>
    act.mutate('launch', {
      onSuccess: (c) => void message.success(c.status === 'scheduled' ? '已设为定时发送' : '已开始发送'),
      onError: (e) => void message.error(errorText(e)),
    })
  return (
    <Card title="发送前确认" style={{ marginTop: 16 }} extra={<Button onClick={() => (asked ? void audience.refetch() : setAsked(true))} loading={audience.isFetching}>{asked ? '重新计算' : '计算可触达人数'}</Button>}>
      {!asked && <Typography.Paragraph type="secondary">保存后，先计算可触达人数并检查三位会员收到的消息，再试发给自己，最后开始发送。</Typography.Paragraph>}
      {audience.isError && <Alert type="error" message={errorText(audience.error)} />}
      {audience.data && <AudienceView audience={audience.data} fields={fields} />}
      <Space style={{ marginTop: 16 }}>
        <Button
          loading={testSend.isPending}
          onClick={() =>
            testSend.mutate(undefined, {
              onSuccess: () => void message.success('已试发到您绑定的微信'),
              onError: (e) => void message.error(isFieldError(e) ?? errorText(e)),
            })
          }
        >
          试发给我
        </Button>
        <Popconfirm title={campaign.sendAt ? `将于 ${dateTime(campaign.sendAt)} 发送，确定吗？` : '确定现在开始发送吗？开始后无法修改内容。'} okText="确定" cancelText="再想想" onConfirm={launch}>
          <Button type="primary" loading={act.isPending} disabled={!audience.data}>
            {campaign.sendAt ? '定时发送' : '开始发送'}
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  )
}

/** The server's words for why a test send could not go (not bound, not subscribed), which are already in Chinese. */
function isFieldError(error: unknown): string | null {
  const problems = (error as { fieldErrors?: () => Array<{ problems: string[] }> }).fieldErrors?.()
  return problems && problems[0] ? (problems[0].problems[0] ?? null) : null
}

/** Why a segment reaches no one, from the largest cause down; each one says what HQ can do. */
function unreachableWhy(a: CampaignAudience): string {
  const causes = [
    a.withoutQuota > 0 && `${a.withoutQuota} 人未订阅该模板（会员在小程序里点“订阅”并允许后才能收到，每次允许可收一条）`,
    a.capped > 0 && `${a.capped} 人本周已达每周频次上限`,
    a.heldOut > 0 && `${a.heldOut} 人在对照组`,
    a.withoutOpenid > 0 && `${a.withoutOpenid} 人没有微信身份`,
  ].filter(Boolean)
  return `分群共 ${a.segmentSize} 人：${causes.join('；')}。`
}

/** A sample's render problem as HQ reads it: the field's label and what its type allows (the server's words are for logs). */
function skipText(problem: string | null, fields: MessageTemplateField[]): string {
  const field = fields.find((f) => f.key === problem?.split(' ')[0])
  if (!field) return '内容不符合模板要求'
  return `「${field.label}」填入后不符合该字段的要求（${TYPE_HINTS[field.type] ?? field.type}），请修改内容或占位符`
}

function AudienceView({ audience, fields }: { audience: CampaignAudience; fields: MessageTemplateField[] }) {
  return (
    <>
      <Row gutter={16}>
        <Col span={4}><Statistic title="分群人数" value={audience.segmentSize} /></Col>
        <Col span={4}><Statistic title="可触达" value={audience.reachable} valueStyle={{ color: '#1677ff' }} /></Col>
        <Col span={4}><Statistic title="未订阅" value={audience.withoutQuota} /></Col>
        <Col span={4}><Statistic title="超出每周频次" value={audience.capped} /></Col>
        <Col span={4}><Statistic title="对照组" value={audience.heldOut} /></Col>
        <Col span={4}><Statistic title="无微信身份" value={audience.withoutOpenid} /></Col>
      </Row>
      {audience.segmentSize > 0 && audience.reachable === 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="campaign-unreachable"
          message="现在没有可触达的会员：开始发送也不会发出任何消息"
          description={unreachableWhy(audience)}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>消息预览（分群中的前三位会员）</Typography.Title>
      {audience.samples.length === 0 && <Empty description="分群中还没有会员" />}
      <Row gutter={16}>
        {audience.samples.map((s) => (
          <Col span={8} key={s.memberId}>
            <Card size="small" title={`${s.nickname ?? '会员'} · ${s.cardNo}`} data-testid="campaign-sample">
              {s.data ? (
                <Descriptions column={1} size="small">
                  {Object.entries(s.data).map(([key, v]) => (
                    <Descriptions.Item key={key} label={fields.find((f) => f.key === key)?.label ?? key}>{v.value}</Descriptions.Item>
                  ))}
                </Descriptions>
              ) : (
                <Alert type="warning" message={`该会员将跳过：${skipText(s.problem, fields)}`} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  )
}

const LIVE = new Set(['sending', 'scheduled'])

/** Progress while sending, then the outcome: by status, failures by errcode, opens, coupons and the lift against the holdout. */
function Sending({ campaign }: { campaign: CampaignView }) {
  const { message } = App.useApp()
  const results = useCampaignResults(campaign.id, LIVE.has(campaign.status))
  const act = useCampaignAction(campaign.id)
  const run = (action: 'pause' | 'resume' | 'cancel', done: string) => act.mutate(action, { onSuccess: () => void message.success(done), onError: (e) => void message.error(errorText(e)) })
  const r = results.data
  const status = r?.status ?? campaign.status
  const notice = stateNotice(status, r, campaign, dateTime)
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={<Space>发送进度<Tag color={statusNames[status].color}>{statusNames[status].text}</Tag></Space>}
        extra={
          <Space>
            {(status === 'sending' || status === 'scheduled') && <Button onClick={() => run('pause', '已暂停')}>暂停</Button>}
            {status === 'paused' && <Button type="primary" onClick={() => run('resume', '已恢复发送')}>恢复</Button>}
            {status !== 'completed' && status !== 'cancelled' && (
              <Popconfirm title="取消后排队中的消息不再发送，确定吗？" okText="取消活动" cancelText="不取消" onConfirm={() => run('cancel', '活动已取消')}>
                <Button danger>取消活动</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        {notice && <Alert type={notice.type} showIcon message={notice.message} style={{ marginBottom: 16 }} data-testid="campaign-state" />}
        {r ? <Progress percent={progressOf(r)} status={status === 'sending' ? 'active' : undefined} /> : <Skeleton active />}
        <Descriptions size="small" column={3} style={{ marginTop: 16 }}>
          <Descriptions.Item label="模板">{campaign.templateTitle}</Descriptions.Item>
          <Descriptions.Item label="分群">{campaign.segmentName}（冻结 {campaign.audienceSize ?? '—'} 人）</Descriptions.Item>
          <Descriptions.Item label="开始">{dateTime(campaign.startedAt ?? campaign.sendAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {r && <ResultsView results={r} />}
    </Space>
  )
}

function progressOf(r: CampaignResults): number {
  if (r.total === 0) return 0
  const open = (r.byStatus.queued ?? 0) + (r.byStatus.sending ?? 0)
  return Math.floor(((r.total - open) / r.total) * 100)
}

function ResultsView({ results: r }: { results: CampaignResults }) {
  const rows = (Object.entries(r.byStatus) as Array<[DeliveryStatus, number]>).map(([status, count]) => ({ status, count }))
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Card title="发送结果" size="small">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}><Statistic title="已送达微信" value={r.byStatus.sent ?? 0} valueStyle={{ color: '#3f8600' }} /></Col>
            <Col span={6}><Statistic title="打开" value={r.opened} /></Col>
            <Col span={6}><Statistic title="发券" value={r.couponsIssued} /></Col>
            <Col span={6}><Statistic title="券核销" value={r.couponsUsed} /></Col>
          </Row>
          <Table size="small" rowKey="status" pagination={false} dataSource={rows} columns={[{ title: '状态', render: (_, x) => deliveryNames[x.status] }, { title: '人数', dataIndex: 'count' }]} />
          {r.failedByErrcode.length > 0 && (
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey={(x) => String(x.errcode)}
              pagination={false}
              dataSource={r.failedByErrcode}
              columns={[{ title: '失败原因', render: (_, x) => (x.errcode === null ? '微信无应答' : `${errcodeNames[x.errcode] ?? '其他错误'}（${x.errcode}）`) }, { title: '条数', dataIndex: 'count' }]}
            />
          )}
        </Card>
      </Col>
      <Col span={12}>
        <Card title="消费转化（对比对照组）" size="small">
          {!r.attribution ? (
            <Empty description="发送后开始统计" />
          ) : (
            <>
              <Descriptions column={1} size="small">
                <Descriptions.Item label="统计窗口">发送后 {r.attribution.days} 天</Descriptions.Item>
                <Descriptions.Item label="收到消息的会员">{r.attribution.recipients.members} 人，其中 {r.attribution.recipients.buyers} 人消费</Descriptions.Item>
                <Descriptions.Item label="对照组">{r.attribution.holdout.members} 人，其中 {r.attribution.holdout.buyers} 人消费</Descriptions.Item>
              </Descriptions>
              {r.attribution.lift ? (
                <Alert
                  type="info"
                  message={`消费率 ${r.attribution.lift.recipientsRate}% 对比 ${r.attribution.lift.holdoutRate}%：提升 ${r.attribution.lift.differencePoints} 个百分点（95% 置信区间 ${r.attribution.lift.low} ~ ${r.attribution.lift.high}）`}
                  description={r.attribution.lift.low > 0 ? '区间全部大于 0：活动带来了增量消费。' : '区间包含 0：尚不能确定活动带来了增量，可扩大对照组或延长观察。'}
                />
              ) : (
                <Typography.Text type="secondary">未设置对照组，无法计算增量。</Typography.Text>
              )}
            </>
          )}
        </Card>
      </Col>
    </Row>
  )
}
