import type { CampaignView } from '@huiyuan/shared-types'
import { Alert, Button, Card, Table, Tag } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { useAppBanReports, useCampaigns } from '../../api/hooks/campaigns'
import { Page } from '../../components/Page'
import { dateTime } from '../../lib/format'
import { appBanNotice, statusNames } from './campaign-copy'

export function CampaignsPage() {
  const campaigns = useCampaigns()
  const navigate = useNavigate()
  const banReports = useAppBanReports()
  const ban = banReports.data ? appBanNotice(banReports.data) : null
  return (
    <Page title="营销活动" extra={<Button type="primary" onClick={() => navigate('/campaigns/new')}>新建活动</Button>}>
      {ban && <Alert type={ban.type} showIcon message={ban.message} description={ban.description} style={{ marginBottom: 16 }} />}
      <Card>
        <Table<CampaignView>
          rowKey="id"
          size="small"
          loading={campaigns.isLoading}
          dataSource={campaigns.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '活动名称', render: (_, c) => <Link to={`/campaigns/${c.id}`}>{c.name}</Link> },
            { title: '消息模板', render: (_, c) => c.templateTitle ?? '—' },
            { title: '发送对象', render: (_, c) => c.segmentName ?? '—' },
            { title: '状态', render: (_, c) => <Tag color={statusNames[c.status].color}>{statusNames[c.status].text}</Tag> },
            { title: '人数', render: (_, c) => c.audienceSize ?? '—' },
            { title: '发送时间', render: (_, c) => dateTime(c.startedAt ?? c.sendAt) },
          ]}
        />
      </Card>
    </Page>
  )
}
