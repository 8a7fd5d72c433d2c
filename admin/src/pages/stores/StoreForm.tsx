import { LIMITS, STORE_CODE_PATTERN, type CreateStoreRequest, type Store } from '@huiyuan/shared-types'
import { Form, Input, Radio, TreeSelect } from 'antd'
import { EnterSubmits } from '../../components/EnterSubmits'
import { useServerErrors } from '../../lib/errors'
import { lengthIn, pattern, required } from '../../lib/rules'
import { storeTree } from './store-tree'

/** Create or edit a store or region; the code is fixed once created (QR codes carry it). */
export function StoreForm({ id, stores, editing, onSubmit, error }: { id: string; stores: Store[]; editing: Store | null; onSubmit: (v: CreateStoreRequest) => void; error?: unknown }) {
  const [form] = Form.useForm<CreateStoreRequest>()
  useServerErrors(form, error)
  const parent = editing ? stores.find((s) => s.id === editing.parentId) : undefined
  const initial: CreateStoreRequest = editing ? { code: editing.code, name: editing.name, kind: editing.kind, parentCode: parent?.code ?? '' } : { code: '', name: '', kind: 'store', parentCode: stores.find((s) => s.kind === 'hq')?.code ?? '' }
  // A store cannot hang below a store, nor a region below itself or its own stores.
  const parents = storeTree(stores, (s) => s.kind !== 'store' && (!editing || s.id !== editing.id))
  return (
    <Form id={id} form={form} layout="vertical" initialValues={initial} onFinish={(v) => onSubmit({ ...v, code: v.code.trim(), name: v.name.trim() })} scrollToFirstError={{ focus: true }}>
      <Form.Item name="code" label="编码" rules={[required('编码'), pattern(STORE_CODE_PATTERN, '编码须为 2–16 位大写字母或数字，例如 S010')]}>
        <Input autoFocus={!editing} disabled={!!editing} placeholder="例如 S010" />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[required('名称'), lengthIn('名称', LIMITS.store.name)]}>
        <Input autoFocus={!!editing} />
      </Form.Item>
      <Form.Item name="kind" label="类型">
        <Radio.Group disabled={!!editing} options={[{ value: 'store', label: '门店' }, { value: 'region', label: '区域' }]} />
      </Form.Item>
      <Form.Item name="parentCode" label="上级" rules={[required('上级')]}>
        <TreeSelect treeData={parents} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
      </Form.Item>
      <EnterSubmits />
    </Form>
  )
}
