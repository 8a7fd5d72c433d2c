import { PlusOutlined } from '@ant-design/icons'
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components'
import type { StaffAccount, StaffRole } from '@huiyuan/shared-types'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { staffApi } from '../../api/endpoints/staff'
import { useCreateStaff, useResetPassword, useStores, useUpdateStaff } from '../../api/hooks/stores'
import { useScope, useSession } from '../../api/hooks/session'
import { queryKeys } from '../../api/query-keys'
import { FormDrawer } from '../../components/FormDrawer'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime, roleNames } from '../../lib/format'
import { StaffForm } from './StaffForm'

const PAGE_SIZE = 20

function OneTimePassword({ username, password, onClose }: { username: string; password: string; onClose: () => void }) {
  return (
    <Modal title="一次性密码" open onOk={onClose} onCancel={onClose} okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }}>
      <Typography.Paragraph>
        请把以下密码告知 <strong>{username}</strong>。它只显示这一次，员工首次登录后须修改密码。
      </Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: password }} style={{ fontSize: 20, fontFamily: 'monospace' }} data-testid="one-time-password">
        {password}
      </Typography.Paragraph>
    </Modal>
  )
}

export function StaffPage() {
  const staff = useSession()
  const scope = useScope()
  const stores = useStores()
  const create = useCreateStaff()
  const update = useUpdateStaff()
  const reset = useResetPassword()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const action = useRef<ActionType>(null)
  const [q, setQ] = useState('')
  const [editing, setEditing] = useState<{ account: StaffAccount | null } | null>(null)
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null)
  const saving = create.isPending || update.isPending
  const fail = (e: unknown) => void message.error(errorText(e))
  const reload = () => void action.current?.reload()
  const open = (account: StaffAccount | null) => {
    create.reset()
    update.reset()
    setEditing({ account })
  }

  const columns: ProColumns<StaffAccount>[] = [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'displayName' },
    {
      title: '角色',
      dataIndex: 'role',
      filters: (Object.keys(roleNames) as StaffRole[]).map((r) => ({ text: roleNames[r], value: r })),
      filterMultiple: false,
      render: (_, a) => roleNames[a.role],
    },
    { title: '所属门店', dataIndex: 'storeCode', render: (_, a) => a.store?.name ?? '—' },
    {
      title: '状态',
      dataIndex: 'active',
      filters: [
        { text: '在用', value: 'true' },
        { text: '已停用', value: 'false' },
      ],
      filterMultiple: false,
      render: (_, a) => (!a.active ? <Tag>已停用</Tag> : a.mustChangePassword ? <Tag color="blue">待改密码</Tag> : <Tag color="green">在用</Tag>),
    },
    { title: '创建时间', dataIndex: 'createdAt', render: (_, a) => dateTime(a.createdAt) },
    {
      title: '操作',
      render: (_, a) =>
        a.id === staff?.id ? (
          <Typography.Text type="secondary">当前账号</Typography.Text>
        ) : (
          <Space size={0}>
            <Button type="link" onClick={() => open(a)}>编辑</Button>
            <Popconfirm
              title={`重置 ${a.displayName} 的密码？`}
              description="将生成一次性密码，原密码立即失效。"
              okText="重置"
              cancelText="取消"
              onConfirm={() =>
                reset.mutate({ id: a.id }, { onSuccess: (r) => setIssued({ username: r.staff.username, password: r.oneTimePassword }), onError: fail })
              }
            >
              <Button type="link">重置密码</Button>
            </Popconfirm>
            <Popconfirm
              title={a.active ? `停用 ${a.displayName}？停用后无法登录。` : `恢复 ${a.displayName}？`}
              okText="确定"
              cancelText="取消"
              onConfirm={() => update.mutate({ id: a.id, body: { active: !a.active } }, { onSuccess: () => { void message.success(a.active ? '已停用' : '已恢复'); reload() }, onError: fail })}
            >
              <Button type="link" danger={a.active}>{a.active ? '停用' : '恢复'}</Button>
            </Popconfirm>
          </Space>
        ),
    },
  ]

  return (
    <Page title="员工" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>新建员工</Button>}>
      <Input.Search aria-label="搜索员工" placeholder="用户名或姓名，回车搜索" autoFocus allowClear enterButton="搜索" style={{ width: 360, marginBottom: 16 }} onSearch={(v) => setQ(v.trim())} />
      <ProTable<StaffAccount, { q: string; scope: string | null }>
        rowKey="id"
        actionRef={action}
        search={false}
        options={{ reload: true, density: false, setting: false }}
        params={{ q, scope }}
        columns={columns}
        pagination={{ pageSize: PAGE_SIZE, showTotal: (n) => `共 ${n} 人` }}
        request={async (params, _sort, filter) => {
          const limit = params.pageSize ?? PAGE_SIZE
          const query = {
            q: params.q || undefined,
            role: filter.role?.[0] as StaffRole | undefined,
            active: filter.active?.[0] === undefined ? undefined : filter.active[0] === 'true',
            storeCode: params.scope ?? undefined,
            cursor: String(((params.current ?? 1) - 1) * limit),
            limit,
          }
          const page = await queryClient.fetchQuery({ queryKey: queryKeys.staffAccounts(query), queryFn: () => staffApi.accounts(query), staleTime: 0 })
          return { data: page.items, total: page.total, success: true }
        }}
      />
      <FormDrawer title={editing?.account ? `编辑员工：${editing.account.displayName}` : '新建员工'} open={!!editing} onClose={() => setEditing(null)} formId="staff-form" saving={saving}>
        {editing && staff && (
          <StaffForm
            id="staff-form"
            stores={stores.data ?? []}
            editing={editing.account}
            actorRole={staff.role}
            error={create.error ?? update.error}
            onSubmit={(v) => {
              const account = editing.account
              if (account) {
                update.mutate(
                  { id: account.id, body: { displayName: v.displayName, role: v.role, storeCode: v.storeCode } },
                  { onSuccess: () => { void message.success('已保存'); setEditing(null); reload() }, onError: fail },
                )
              } else {
                create.mutate(v, {
                  onSuccess: (r) => {
                    setEditing(null)
                    reload()
                    if (r.oneTimePassword) setIssued({ username: r.staff.username, password: r.oneTimePassword })
                  },
                  onError: fail,
                })
              }
            }}
          />
        )}
      </FormDrawer>
      {issued && <OneTimePassword username={issued.username} password={issued.password} onClose={() => setIssued(null)} />}
    </Page>
  )
}
