import { PlusOutlined } from '@ant-design/icons'
import type { Store } from '@huiyuan/shared-types'
import { Alert, App, Button, Card, Col, Descriptions, Empty, Image, Row, Space, Spin, Tree } from 'antd'
import { useMemo, useState } from 'react'
import { useSaveStore, useStorePoster, useStores } from '../../api/hooks/stores'
import { useSession } from '../../api/hooks/session'
import { FormDrawer } from '../../components/FormDrawer'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { storeKindNames } from '../../lib/format'
import { StoreForm } from './StoreForm'
import { storeTree } from './store-tree'

function Poster({ store }: { store: Store }) {
  const poster = useStorePoster(store.kind === 'store' ? store.code : null)
  if (store.kind !== 'store') return <Empty description="区域没有二维码海报，请选择门店" />
  if (poster.isError) return <Alert type="error" message={errorText(poster.error)} />
  if (!poster.data) return <Spin />
  return (
    <Space direction="vertical">
      <Image src={poster.data} alt={`${store.name}入会海报`} width={240} />
      <Button href={poster.data} download={`${store.code}-poster.png`}>下载海报</Button>
    </Space>
  )
}

export function StoresPage() {
  const stores = useStores()
  const save = useSaveStore()
  const staff = useSession()
  const { message } = App.useApp()
  const [selected, setSelected] = useState<string | null>(null)
  const [editing, setEditing] = useState<{ store: Store | null } | null>(null)
  const tree = useMemo(() => storeTree(stores.data ?? []), [stores.data])
  const store = stores.data?.find((s) => s.code === selected) ?? null
  const isHq = staff?.role === 'hq_admin'
  const open = (s: Store | null) => {
    save.reset()
    setEditing({ store: s })
  }
  return (
    <Page title="门店" extra={isHq && <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>新建门店或区域</Button>}>
      <Row gutter={16}>
        <Col span={10}>
          <Card title="门店结构">
            {stores.isLoading ? <Spin /> : <Tree treeData={tree} defaultExpandAll selectedKeys={selected ? [selected] : []} onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)} />}
          </Card>
        </Col>
        <Col span={14}>
          <Card title={store ? store.name : '门店详情'} extra={store && isHq && store.kind !== 'hq' && <Button onClick={() => open(store)}>编辑</Button>}>
            {!store ? (
              <Empty description="在左侧选择一个门店" />
            ) : (
              <Space direction="vertical" size="large" style={{ width: '100%' }}>
                <Descriptions column={2} size="small">
                  <Descriptions.Item label="编码">{store.code}</Descriptions.Item>
                  <Descriptions.Item label="类型">{storeKindNames[store.kind]}</Descriptions.Item>
                  <Descriptions.Item label="上级">{stores.data?.find((s) => s.id === store.parentId)?.name ?? '—'}</Descriptions.Item>
                </Descriptions>
                {store.kind !== 'hq' && <Poster store={store} />}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <FormDrawer title={editing?.store ? `编辑：${editing.store.name}` : '新建门店或区域'} open={!!editing} onClose={() => setEditing(null)} formId="store-form" saving={save.isPending}>
        {editing && (
          <StoreForm
            id="store-form"
            stores={stores.data ?? []}
            editing={editing.store}
            error={save.error}
            onSubmit={(body) =>
              save.mutate(
                { code: editing.store?.code ?? null, body },
                {
                  onSuccess: (s) => {
                    void message.success('已保存')
                    setSelected(s.code)
                    setEditing(null)
                  },
                  onError: (e) => void message.error(errorText(e)),
                },
              )
            }
          />
        )}
      </FormDrawer>
    </Page>
  )
}
