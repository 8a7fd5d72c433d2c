import type { SegmentView } from '@huiyuan/shared-types'
import { Button, Card, Table } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { useSegments } from '../../api/hooks/tags'
import { Page } from '../../components/Page'
import { dateTime } from '../../lib/format'

export function SegmentsPage() {
  const segments = useSegments()
  const navigate = useNavigate()
  return (
    <Page title="分群" extra={<Button type="primary" onClick={() => navigate('/segments/new')}>新建分群</Button>}>
      <Card>
        <Table<SegmentView>
          rowKey="id"
          size="small"
          loading={segments.isLoading}
          dataSource={segments.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '名称', render: (_, s) => <Link to={`/segments/${s.id}`}>{s.name}</Link> },
            { title: '归属', render: (_, s) => (s.ownerStoreId === null ? '总部' : '门店') },
            { title: '更新时间', render: (_, s) => dateTime(s.updatedAt) },
          ]}
        />
      </Card>
    </Page>
  )
}
