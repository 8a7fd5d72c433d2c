import { LIMITS, STAFF_USERNAME_PATTERN, type StaffAccount, type StaffRole, type Store } from '@huiyuan/shared-types'
import { Form, Input, Select, TreeSelect } from 'antd'
import { EnterSubmits } from '../../components/EnterSubmits'
import { useServerErrors } from '../../lib/errors'
import { roleNames } from '../../lib/format'
import { lengthIn, pattern, required } from '../../lib/rules'
import { storeTree } from '../stores/store-tree'

export interface StaffFormValues {
  username: string
  displayName: string
  role: StaffRole
  storeCode: string
}

/** New account (a one-time password is made by the server) or a change of name, role and store. */
export function StaffForm({ id, stores, editing, actorRole, onSubmit, error }: { id: string; stores: Store[]; editing: StaffAccount | null; actorRole: StaffRole; onSubmit: (v: StaffFormValues) => void; error?: unknown }) {
  const [form] = Form.useForm<StaffFormValues>()
  useServerErrors(form, error)
  const role = Form.useWatch('role', form)
  const roles: StaffRole[] = actorRole === 'hq_admin' ? ['hq_admin', 'store_manager', 'clerk'] : ['clerk']
  // No store chosen yet is undefined (an empty string would show as a blank choice).
  const initial: Partial<StaffFormValues> = editing
    ? { username: editing.username, displayName: editing.displayName, role: editing.role, storeCode: editing.store?.code }
    : { username: '', displayName: '', role: 'clerk' }
  // HQ admins belong to the HQ; everyone else to a store or region.
  const storeChoices = storeTree(stores, (s) => (role === 'hq_admin' ? s.kind === 'hq' : s.kind !== 'hq'))
  return (
    <Form id={id} form={form} layout="vertical" initialValues={initial} onFinish={(v) => onSubmit({ ...initial, ...v, username: (v.username ?? initial.username ?? '').trim(), displayName: v.displayName.trim() })} scrollToFirstError={{ focus: true }}>
      <Form.Item name="username" label="用户名" rules={[required('用户名'), pattern(STAFF_USERNAME_PATTERN, '用户名须为 3–32 位小写字母、数字或 _ . -，以字母或数字开头')]}>
        <Input autoFocus={!editing} disabled={!!editing} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label="姓名" rules={[required('姓名'), lengthIn('姓名', LIMITS.staff.displayName)]}>
        <Input autoFocus={!!editing} />
      </Form.Item>
      <Form.Item name="role" label="角色">
        <Select options={roles.map((r) => ({ value: r, label: roleNames[r] }))} onChange={() => form.setFieldValue('storeCode', undefined)} />
      </Form.Item>
      <Form.Item name="storeCode" label="所属门店" rules={[required('所属门店')]}>
        <TreeSelect treeData={storeChoices} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
      </Form.Item>
      <EnterSubmits />
    </Form>
  )
}
