import { UploadOutlined } from '@ant-design/icons'
import { IMPORT_COLUMNS, type ImportJob, type ImportRejection } from '@huiyuan/shared-types'
import { Alert, App, Button, Card, Descriptions, Progress, Result, Space, Table, Typography, Upload } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { useImport, useImportRejections, useImports, useStartImport, useUploadImport } from '../../api/hooks/transfers'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime } from '../../lib/format'

const EXAMPLE_ROW = ['A0001', '王芳', '13800000001', '1990-05-17', '公历', 'S001', '银卡', '1200', '800']

/** A CSV with the header and one example row, with a BOM so Excel opens it as UTF-8. */
function downloadTemplate() {
  const blob = new Blob(['\uFEFF' + [IMPORT_COLUMNS.join(','), EXAMPLE_ROW.join(',')].join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = '会员导入模板.csv'
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

const moving = (job: ImportJob) => job.status === 'queued' || job.status === 'running'

function JobProgress({ job }: { job: ImportJob }) {
  const percent = job.total ? Math.floor((job.processed / job.total) * 100) : 0
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>{job.phase === 'dry_run' ? '正在逐行校验…' : '正在导入…'}</Typography.Text>
      <Progress aria-label="导入进度" percent={job.total ? percent : undefined} status="active" format={() => `已处理 ${job.processed.toLocaleString('zh-CN')} 行`} />
    </Space>
  )
}

function Counts({ job }: { job: ImportJob }) {
  return (
    <Descriptions size="small" column={4} bordered style={{ marginBottom: 16 }}>
      <Descriptions.Item label="数据行">{job.processed}</Descriptions.Item>
      <Descriptions.Item label={job.phase === 'import' ? '新建会员' : '将导入'}>{job.phase === 'import' ? job.imported : job.accepted}</Descriptions.Item>
      <Descriptions.Item label="此前已导入（跳过）">{job.skipped}</Descriptions.Item>
      <Descriptions.Item label="未通过校验">
        <Typography.Text type={job.rejected ? 'danger' : undefined}>{job.rejected}</Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  )
}

/** The current import: its dry run's findings, then the import itself. */
function ImportJobCard({ id }: { id: number }) {
  const { message } = App.useApp()
  const job = useImport(id)
  const j = job.data
  const rejections = useImportRejections(id, !!j && !moving(j) && j.rejected > 0)
  const start = useStartImport()
  if (!j) return null
  return (
    <Card title={`文件：${j.fileName}`} style={{ marginBottom: 16 }}>
      {moving(j) && <JobProgress job={j} />}
      {j.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          message="处理失败"
          description={j.phase === 'import' ? `${j.error ?? '导入中断'}。继续导入会跳过已新建的 ${j.imported} 名会员。` : (j.error ?? '请检查文件后重新上传')}
          action={
            j.phase === 'import' && (
              <Button loading={start.isPending} onClick={() => start.mutate(id, { onError: (e) => void message.error(errorText(e)) })}>
                继续导入
              </Button>
            )
          }
        />
      )}
      {j.status === 'done' && <Counts job={j} />}
      {j.status === 'done' && j.phase === 'dry_run' && j.rejected === 0 && (
        <Alert
          type="success"
          showIcon
          message={`校验通过：${j.accepted} 名会员将被导入${j.skipped ? `，${j.skipped} 名此前已导入，将跳过` : ''}`}
          description="导入时积分余额通过积分流水开户（原因：原会员卡积分余额迁入），成长值计入会员账户；同一卡号重复导入不会重复开卡。"
          action={
            <Button type="primary" loading={start.isPending} onClick={() => start.mutate(id, { onError: (e) => void message.error(errorText(e)) })}>
              开始导入
            </Button>
          }
        />
      )}
      {j.status === 'done' && j.phase === 'dry_run' && j.rejected > 0 && (
        <>
          <Alert type="warning" showIcon message={`有 ${j.rejected} 行未通过校验，请修正文件后重新上传（其余行不会单独导入）`} style={{ marginBottom: 16 }} />
          <Table<ImportRejection>
            rowKey="row"
            size="small"
            loading={rejections.isLoading}
            dataSource={rejections.data?.items ?? []}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80 },
              { title: '卡号', dataIndex: 'cardNo', width: 160, render: (v: string | null) => v ?? '—' },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
          {rejections.data?.nextCursor && <Typography.Text type="secondary">仅显示前 200 条问题，修正后重新上传可查看其余问题。</Typography.Text>}
        </>
      )}
      {j.status === 'done' && j.phase === 'import' && (
        <Result status="success" title={`导入完成：新建 ${j.imported} 名会员`} subTitle={j.skipped ? `${j.skipped} 名此前已导入，已跳过` : undefined} extra={<Link to="/members">查看会员</Link>} />
      )}
    </Card>
  )
}

/** Bulk import of members from another system (HQ): upload, read the dry run, fix, import. */
export function ImportsPage() {
  const { message } = App.useApp()
  const [current, setCurrent] = useState<number | null>(null)
  const upload = useUploadImport()
  const history = useImports()
  const pick = (file: File) => {
    upload.mutate(file, { onSuccess: (job) => setCurrent(job.id), onError: (e) => void message.error(errorText(e)) })
    return false
  }
  return (
    <Page title="导入会员">
      <Card style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            上传 .xlsx 或 .csv 文件（不超过 20 MB），第 1 行为表头：<Typography.Text strong>{IMPORT_COLUMNS.join('、')}</Typography.Text>。仅「卡号」必填；门店填门店编码或名称，等级填等级名称；历法填“公历”或“农历”，不填为公历。
            上传后先逐行校验（不会写入任何数据），全部通过后再确认导入。
          </Typography.Paragraph>
          <Space>
            <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={pick} maxCount={1}>
              <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>
                选择文件并校验
              </Button>
            </Upload>
            <Button onClick={downloadTemplate}>下载模板</Button>
          </Space>
        </Space>
      </Card>
      {current !== null && <ImportJobCard key={current} id={current} />}
      <Card title="最近的导入" size="small">
        <Table<ImportJob>
          rowKey="id"
          size="small"
          loading={history.isLoading}
          dataSource={history.data ?? []}
          pagination={false}
          locale={{ emptyText: '还没有导入记录' }}
          onRow={(job) => ({ onClick: () => setCurrent(job.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '文件', dataIndex: 'fileName' },
            { title: '阶段', dataIndex: 'phase', width: 90, render: (p: ImportJob['phase']) => (p === 'dry_run' ? '校验' : '导入') },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: ImportJob['status']) => ({ queued: '排队中', running: '处理中', done: '已完成', failed: '失败', expired: '已过期' })[s] },
            { title: '新建', dataIndex: 'imported', width: 80 },
            { title: '未通过', dataIndex: 'rejected', width: 80 },
            { title: '上传时间', dataIndex: 'createdAt', width: 170, render: dateTime },
          ]}
        />
      </Card>
    </Page>
  )
}
