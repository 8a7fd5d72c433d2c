import { CAMPAIGN_DEFAULT_QUIET_HOURS, type CampaignView, type MessageTemplateView, type SaveCampaignRequest } from '@huiyuan/shared-types'
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { useCouponTemplateOptions } from '../../api/hooks/coupons'
import { useCampaignPlaceholders } from '../../api/hooks/campaigns'
import { useMessageTemplates } from '../../api/hooks/subscriptions'
import { useSegments } from '../../api/hooks/tags'
import { useServerErrors } from '../../lib/errors'

interface FormValues {
  name: string
  templateId?: number
  fieldValues: Record<string, string>
  page: string
  segmentId?: number
  couponTemplateId?: number | null
  sendAt?: Dayjs | null
  quietStart: string
  quietEnd: string
  weeklyCap?: number | null
  holdoutPercent: number
  attributionDays: number
}

export const TYPE_HINTS: Record<string, string> = {
  thing: '20 个字以内',
  number: '纯数字',
  letter: '32 个字母以内',
  symbol: '5 个符号以内',
  character_string: '32 位字母数字，不含中文',
  time: '如 2026年12月12日 10:00',
  date: '如 2026年12月12日',
  amount: '如 ¥20.00',
  phone_number: '电话号码',
  car_number: '车牌号',
  name: '10 个汉字或 20 个字母以内',
  phrase: '5 个汉字以内',
}
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/

function initialValues(campaign: CampaignView | undefined): FormValues {
  if (!campaign) return { name: '', fieldValues: {}, page: '', quietStart: CAMPAIGN_DEFAULT_QUIET_HOURS.start, quietEnd: CAMPAIGN_DEFAULT_QUIET_HOURS.end, holdoutPercent: 0, attributionDays: 7, weeklyCap: 2 }
  return { ...campaign, sendAt: campaign.sendAt ? dayjs(campaign.sendAt) : null }
}

export function toRequest(v: FormValues): SaveCampaignRequest {
  return {
    name: v.name.trim(),
    templateId: v.templateId as number,
    fieldValues: v.fieldValues,
    page: v.page.trim(),
    segmentId: v.segmentId as number,
    couponTemplateId: v.couponTemplateId ?? null,
    sendAt: v.sendAt ? v.sendAt.toISOString() : null,
    quietStart: v.quietStart,
    quietEnd: v.quietEnd,
    weeklyCap: v.weeklyCap ?? null,
    holdoutPercent: v.holdoutPercent,
    attributionDays: v.attributionDays,
  }
}

/** The composer: template and the value of each of its fields (with placeholders), audience, schedule and the rules that protect members. */
export function CampaignForm({ campaign, saving, error, onSave }: { campaign?: CampaignView; saving: boolean; error: unknown; onSave: (request: SaveCampaignRequest) => void }) {
  const [form] = Form.useForm<FormValues>()
  const templates = useMessageTemplates()
  const segments = useSegments()
  const [couponSearch, setCouponSearch] = useState('')
  const coupons = useCouponTemplateOptions(couponSearch)
  const placeholders = useCampaignPlaceholders()
  useServerErrors(form, error)
  const templateId = Form.useWatch('templateId', form)
  const campaignTemplates = (templates.data ?? []).filter((t) => t.purpose === 'campaign' && t.active)
  const template: MessageTemplateView | undefined = campaignTemplates.find((t) => t.id === templateId)
  useEffect(() => {
    if (template && !form.getFieldValue('page')) form.setFieldValue('page', template.page ?? 'pages/home/index')
  }, [template, form])

  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={initialValues(campaign)} onFinish={(v) => onSave(toRequest(v))}>
      {templates.data && campaignTemplates.length === 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="no-campaign-templates"
          message="还没有可用的营销类消息模板"
          description={
            <>
              营销活动只能使用用途为“营销活动”的订阅消息模板。请先在 <Link to="/message-templates">消息模板</Link> 页面登记（或启用）一个，再回来创建活动。
            </>
          }
        />
      )}
      <Row gutter={16}>
        <Col span={14}>
          <Card title="消息内容">
            <Form.Item name="name" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }, { max: 64 }]}>
              <Input placeholder="如：双十二会员日" />
            </Form.Item>
            <Form.Item name="templateId" label="消息模板（营销类）" rules={[{ required: true, message: '请选择消息模板' }]} extra="只能使用营销类模板：会员为服务通知订阅的次数不会被营销活动占用。">
              <Select placeholder="选择模板" loading={templates.isLoading} options={campaignTemplates.map((t) => ({ value: t.id, label: `${t.title}（${t.membersWithQuota} 人可接收）` }))} />
            </Form.Item>
            {template?.fields.map((f) => (
              <Form.Item key={f.key} name={['fieldValues', f.key]} label={`${f.label}（${f.key}）`} extra={TYPE_HINTS[f.type]} rules={[{ required: true, message: `请填写「${f.label}」` }, { max: 200 }]}>
                <Input placeholder="可使用占位符，如 {nickname}" />
              </Form.Item>
            ))}
            {placeholders.data && (
              <Typography.Paragraph type="secondary">
                可用占位符：
                {placeholders.data.map((p) => (
                  <Tag key={p.name} title={p.label}>{`{${p.name}}`}</Tag>
                ))}
              </Typography.Paragraph>
            )}
            <Form.Item name="page" label="落地页" rules={[{ required: true, message: '请填写落地页' }, { pattern: /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*(\?[A-Za-z0-9_=&%-]*)?$/, message: '小程序页面路径，如 pages/home/index（不以 / 开头）' }]} extra="点击消息打开的小程序页面；系统会自动带上活动编号，用于统计打开。">
              <Input />
            </Form.Item>
          </Card>
        </Col>
        <Col span={10}>
          <Card title="发送对象与规则">
            <Form.Item name="segmentId" label="分群" rules={[{ required: true, message: '请选择分群' }]} extra="开始发送时冻结分群成员，之后加入分群的会员不会收到。">
              <Select placeholder="选择分群" loading={segments.isLoading} options={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="couponTemplateId" label="随消息发券（可选）" extra="消息送达后发放，每条消息一张。">
              <Select allowClear showSearch filterOption={false} onSearch={setCouponSearch} placeholder="不发券（可输入券名搜索）" options={(coupons.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))} />
            </Form.Item>
            <Form.Item name="sendAt" label="定时发送（可选）" extra="不填则点击“开始发送”后立即发送。">
              <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Space align="start">
              <Form.Item name="quietStart" label="免打扰开始" rules={[{ pattern: CLOCK, message: 'HH:MM' }]}>
                <Input style={{ width: 100 }} />
              </Form.Item>
              <Form.Item name="quietEnd" label="免打扰结束" rules={[{ pattern: CLOCK, message: 'HH:MM' }]}>
                <Input style={{ width: 100 }} />
              </Form.Item>
            </Space>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message="免打扰时段内不发送，结束后按发送速率逐步放出（按总部所在时区）。" />
            <Form.Item name="weeklyCap" label="每位会员每周最多收到营销消息（条）" extra="按自然周（周一至周日）统计已发送的营销消息；留空为不限。">
              <InputNumber min={1} max={50} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="holdoutPercent" label="对照组比例（%）" extra="从可触达会员中稳定抽取，不发送、不占用订阅次数，用于衡量活动带来的增量消费。">
              <InputNumber min={0} max={50} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="attributionDays" label="消费归因天数">
              <InputNumber min={1} max={90} style={{ width: 160 }} />
            </Form.Item>
          </Card>
        </Col>
      </Row>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存草稿
        </Button>
      </Space>
    </Form>
  )
}
