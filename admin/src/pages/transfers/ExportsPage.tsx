import { EXPORT_DATASET_LABELS, type ExportDataset, type ExportJob, type ExportRequest } from '@huiyuan/shared-types'
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { exportsApi } from '../../api/endpoints/transfers'
import { useCampaigns } from '../../api/hooks/campaigns'
import { useStores } from '../../api/hooks/stores'
import { useSession, useScope } from '../../api/hooks/session'
import { useTiers } from '../../api/hooks/programme'
import { useSegments } from '../../api/hooks/tags'
import { useCreateExport, useExports } from '../../api/hooks/transfers'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime } from '../../lib/format'

interface ExportForm {
  dataset: ExportDataset
  segmentId?: number
  campaignId?: number
  q?: string
  tierCode?: string
  storeCode?: string
  range?: [Dayjs, Dayjs] | null
  revealPhones?: boolean
}

const statusText: Record<ExportJob['status'], { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '生成中', color: 'processing' },
  done: { text: '已完成', color: 'success' },
  failed: { text: '失败', color: 'error' },
  expired: { text: '已过期', color: 'default' },
}

/** Saves a downloaded Blob under the export's own name (the browser's download, no new tab). */
function saveAs(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** HQ picks one campaign's deliveries, or leaves it empty for every campaign's. */
function CampaignSelect({ value, onChange }: { value?: number; onChange?: (id?: number) => void }) {
  const campaigns = useCampaigns()
  return (
    <Select
      aria-label="活动"
      allowClear
      placeholder="全部活动"
      style={{ width: 200 }}
      value={value}
      onChange={onChange}
      loading={campaigns.isLoading}
      options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  )
}

/** Excel exports: ask for one, watch its progress bar, download it (files are kept for 24 hours). */
export function ExportsPage() {
  const { message } = App.useApp()
  const session = useSession()
  const scope = useScope()
  const hq = session?.role === 'hq_admin'
  const [form] = Form.useForm<ExportForm>()
  const dataset = Form.useWatch('dataset', form) ?? 'members'
  const segmentId = Form.useWatch('segmentId', form)
  const stores = useStores()
  const tiers = useTiers()
  const segments = useSegments()
  const jobs = useExports()
  const create = useCreateExport()
  const [downloading, setDownloading] = useState<number | null>(null)

  const submit = (f: ExportForm) => {
    const members = f.dataset === 'members'
    const body: ExportRequest = {
      dataset: f.dataset,
      segmentId: members ? f.segmentId : undefined,
      campaignId: f.dataset === 'campaign_deliveries' ? f.campaignId : undefined,
      q: members && !f.segmentId ? f.q?.trim() || undefined : undefined,
      tierCode: members && !f.segmentId ? f.tierCode : undefined,
      storeCode: members && f.segmentId ? undefined : f.storeCode,
      from: members ? undefined : f.range?.[0]?.format('YYYY-MM-DD'),
      to: members ? undefined : f.range?.[1]?.format('YYYY-MM-DD'),
      revealPhones: members && hq ? f.revealPhones === true : undefined,
    }
    create.mutate(body, {
      onSuccess: () => void message.success('已开始生成，完成后可在下方下载'),
      onError: (e) => void message.error(errorText(e)),
    })
  }

  const download = async (job: ExportJob) => {
    setDownloading(job.id)
    try {
      saveAs(await exportsApi.file(job.id), job.fileName)
    } catch (e) {
      void message.error(errorText(e))
    } finally {
      setDownloading(null)
    }
  }

  const datasets = (Object.keys(EXPORT_DATASET_LABELS) as ExportDataset[]).filter((d) => hq || d !== 'audit')
  const storeOptions = (stores.data ?? []).filter((s) => s.kind !== 'hq').map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))

  return (
    <Page title="导出">
      <Card title="新建导出" style={{ marginBottom: 16 }}>
        <Form<ExportForm> form={form} layout="inline" initialValues={{ dataset: 'members', storeCode: scope ?? undefined }} onFinish={submit} style={{ rowGap: 12 }}>
          <Form.Item name="dataset" label="数据">
            <Select aria-label="导出数据" style={{ width: 140 }} options={datasets.map((d) => ({ value: d, label: EXPORT_DATASET_LABELS[d] }))} />
          </Form.Item>
          {dataset === 'members' && (
            <Form.Item name="segmentId" label="分群">
              <Select aria-label="分群" allowClear placeholder="全部会员" style={{ width: 180 }} options={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          )}
          {dataset === 'members' && !segmentId && (
            <>
              <Form.Item name="q" label="搜索">
                <Input allowClear placeholder="卡号、手机号、昵称" style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="tierCode" label="等级">
                <Select allowClear placeholder="全部" style={{ width: 120 }} options={(tiers.data ?? []).map((t) => ({ value: t.code, label: t.name }))} />
              </Form.Item>
            </>
          )}
          {dataset === 'campaign_deliveries' && hq && (
            <Form.Item name="campaignId" label="活动">
              <CampaignSelect />
            </Form.Item>
          )}
          {!(dataset === 'members' && segmentId) && (
            <Form.Item name="storeCode" label="门店">
              <Select aria-label="门店" allowClear placeholder={hq ? '全部门店' : '本店'} style={{ width: 200 }} options={storeOptions} />
            </Form.Item>
          )}
          {dataset !== 'members' && (
            <Form.Item name="range" label="日期">
              <DatePicker.RangePicker />
            </Form.Item>
          )}
          {dataset === 'members' && hq && (
            <Form.Item name="revealPhones" valuePropName="checked">
              <Checkbox>导出完整手机号（将记入审计日志）</Checkbox>
            </Form.Item>
          )}
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              开始导出
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {hq ? '手机号默认以 1******1234 形式导出。' : '店长导出的数据仅包含本店（及下属门店）的会员与记录，手机号以 1******1234 形式导出。'}
          文件在后台生成，百万行数据也不会影响收银；生成后保留 24 小时。
        </Typography.Paragraph>
      </Card>
      {jobs.isError && <Alert type="error" showIcon message={errorText(jobs.error)} style={{ marginBottom: 16 }} />}
      <Table<ExportJob>
        rowKey="id"
        loading={jobs.isLoading}
        dataSource={jobs.data ?? []}
        pagination={false}
        locale={{ emptyText: '还没有导出记录' }}
        columns={[
          { title: '文件', dataIndex: 'fileName', render: (name: string, job) => (<Space>{name}{job.revealPhones && <Tag color="orange">含完整手机号</Tag>}</Space>) },
          { title: '数据', dataIndex: 'dataset', width: 100, render: (d: ExportDataset) => EXPORT_DATASET_LABELS[d] },
          {
            title: '进度',
            width: 260,
            render: (_, job) =>
              job.status === 'queued' || job.status === 'running' ? (
                <Progress aria-label="导出进度" percent={job.total ? Math.floor((job.processed / job.total) * 100) : 0} status="active" format={() => `${job.processed.toLocaleString('zh-CN')} / ${job.total === null ? '…' : job.total.toLocaleString('zh-CN')} 行`} />
              ) : job.status === 'done' ? (
                `${job.processed.toLocaleString('zh-CN')} 行`
              ) : (
                job.error ?? ''
              ),
          },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: ExportJob['status']) => <Tag color={statusText[s].color}>{statusText[s].text}</Tag> },
          { title: '创建时间', dataIndex: 'createdAt', width: 170, render: dateTime },
          { title: '保留至', dataIndex: 'expiresAt', width: 170, render: dateTime },
          {
            title: '操作',
            width: 90,
            render: (_, job) =>
              job.status === 'done' ? (
                <Button type="link" loading={downloading === job.id} onClick={() => void download(job)}>
                  下载
                </Button>
              ) : null,
          },
        ]}
      />
    </Page>
  )
}
