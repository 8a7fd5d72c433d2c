import { MESSAGE_TEMPLATE_CODES, SUBSCRIBE_FIELD_TYPES, type MessageTemplateView, type SaveMessageTemplateRequest, type WechatLibraryTemplate } from '@huiyuan/shared-types'
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd'
import { useState } from 'react'
import { useSession } from '../../api/hooks/session'
import { useMessageTemplates, useSaveMessageTemplate, useTemplateLibrary } from '../../api/hooks/subscriptions'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'

const CODE_LABELS: Record<(typeof MESSAGE_TEMPLATE_CODES)[number], string> = {
  checkin_reminder: '签到提醒',
  coupon_expiry: '券到期提醒',
  points_changed: '积分变动',
  points_expiring: '积分即将过期',
  member_activity: '会员活动',
  birthday: '生日祝福',
  welcome: '入会成功',
  tier_upgrade: '会员升级',
  member_care: '会员关怀',
}

const PURPOSES = [
  { value: 'service', label: '服务通知（签到、积分、券等提醒）' },
  { value: 'campaign', label: '营销活动（仅用于群发活动）' },
]

type Editing = { id: number | null; initial: SaveMessageTemplateRequest }

/** HQ registers the subscribe-message templates the programme uses; store managers see them and how many members can be reached. */
export function MessageTemplatesPage() {
  const staff = useSession()
  const isHq = staff?.role === 'hq_admin'
  const templates = useMessageTemplates()
  const library = useTemplateLibrary(isHq)
  const save = useSaveMessageTemplate()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Editing | null>(null)
  const [form] = Form.useForm<SaveMessageTemplateRequest>()

  const open = (id: number | null, initial: SaveMessageTemplateRequest) => {
    form.setFieldsValue(initial)
    setEditing({ id, initial })
  }
  const fromLibrary = (t: WechatLibraryTemplate) => open(null, { wechatTemplateId: t.wechatTemplateId, title: t.title, fields: t.fields, purpose: 'service', code: null, page: null, active: true })
  const submit = async () => {
    const values = await form.validateFields()
    save.mutate(
      { id: editing?.id ?? null, body: { ...values, code: values.code ?? null, page: values.page || null } },
      { onSuccess: (t) => { setEditing(null); void message.success(`已保存消息模板 ${t.title}`) }, onError: (e) => void message.error(errorText(e)) },
    )
  }

  return (
    <Page title="消息模板">
      <Card title="已登记的订阅消息模板">
        <Table<MessageTemplateView>
          rowKey="id"
          size="small"
          loading={templates.isLoading}
          dataSource={templates.data ?? []}
          pagination={false}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '用途', render: (_, t) => (t.purpose === 'campaign' ? <Tag color="purple">营销活动</Tag> : <Tag color="blue">服务通知</Tag>) },
            { title: '场景', render: (_, t) => (t.code ? CODE_LABELS[t.code] : '—') },
            { title: '字段', render: (_, t) => t.fields.map((f) => `${f.label}（${f.key}）`).join('、') },
            { title: '落地页', render: (_, t) => t.page ?? '—' },
            { title: '可触达会员', dataIndex: 'membersWithQuota', align: 'right' },
            { title: '剩余可发条数', dataIndex: 'remainingTotal', align: 'right' },
            { title: '状态', render: (_, t) => (t.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
            {
              title: '操作',
              render: (_, t) =>
                isHq && (
                  <Button size="small" onClick={() => open(t.id, { wechatTemplateId: t.wechatTemplateId, title: t.title, fields: t.fields, purpose: t.purpose, code: t.code, page: t.page, active: t.active })}>
                    编辑
                  </Button>
                ),
            },
          ]}
        />
      </Card>

      {isHq && (
        <Card title="微信模板库（小程序后台已添加的模板）" style={{ marginTop: 16 }}>
          <Table<WechatLibraryTemplate>
            rowKey="wechatTemplateId"
            size="small"
            loading={library.isLoading}
            dataSource={library.data ?? []}
            pagination={false}
            columns={[
              { title: '标题', dataIndex: 'title' },
              { title: '模板 ID', dataIndex: 'wechatTemplateId' },
              { title: '字段', render: (_, t) => t.fields.map((f) => f.label).join('、') },
              { title: '操作', render: (_, t) => (t.registered ? <Tag>已登记</Tag> : <Button size="small" type="primary" onClick={() => fromLibrary(t)}>登记</Button>) },
            ]}
          />
        </Card>
      )}

      <Modal title={editing?.id ? '编辑消息模板' : '登记消息模板'} open={editing !== null} onCancel={() => setEditing(null)} onOk={() => void submit()} okText="保存" cancelText="取消" confirmLoading={save.isPending} width={720} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="wechatTemplateId" label="模板 ID" rules={[{ required: true, message: '请填写微信后台的模板 ID' }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="purpose" label="用途" rules={[{ required: true }]} extra="营销活动只能使用“营销活动”模板，不会占用会员为服务通知给出的订阅次数。">
            <Select options={PURPOSES} />
          </Form.Item>
          <Form.Item name="code" label="场景（程序按此找到模板）">
            <Select allowClear options={MESSAGE_TEMPLATE_CODES.map((c) => ({ value: c, label: CODE_LABELS[c] }))} />
          </Form.Item>
          <Form.Item name="page" label="落地页（小程序页面路径，可带参数）">
            <Input placeholder="packages/points/index" maxLength={128} />
          </Form.Item>
          <Form.List name="fields">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'label']} rules={[{ required: true, message: '字段名称' }]}>
                      <Input placeholder="字段名称，如 变动原因" maxLength={20} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'key']} rules={[{ required: true, message: '字段 key' }]}>
                      <Input placeholder="thing1" maxLength={24} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'type']} rules={[{ required: true, message: '类型' }]}>
                      <Select style={{ width: 160 }} options={SUBSCRIBE_FIELD_TYPES.map((t) => ({ value: t, label: t }))} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ key: '', type: 'thing', label: '' })}>添加字段</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="active" label="启用" valuePropName="checked" style={{ marginTop: 16 }}>
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  )
}
