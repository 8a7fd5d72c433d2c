import type { CouponVerification } from '@huiyuan/shared-types'
import { App, Button, DatePicker, Popconfirm, Select, Space, Table, Tag } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useCouponSettings, useUndoVerification, useVerifications } from '../../api/hooks/coupons'
import { useScope, useSession } from '../../api/hooks/session'
import { useStores } from '../../api/hooks/stores'
import { Page } from '../../components/Page'
import { errorText } from '../../lib/errors'
import { dateTime, newActionKey } from '../../lib/format'
import { mayUndo, withinUndoWindow } from './undo-window'

export function VerificationsPage() {
  const staff = useSession()
  const scope = useScope()
  const stores = useStores()
  const storeOptions = (stores.data ?? []).filter((s) => s.kind === 'store')
  const [storeCode, setStoreCode] = useState<string | null>(() => (staff?.store && staff.role !== 'hq_admin' ? staff.store.code : scope))
  const chosen = storeCode && storeOptions.some((s) => s.code === storeCode) ? storeCode : (storeOptions[0]?.code ?? null)
  // Null is the server's business day (its time zone, not the browser's).
  const [date, setDate] = useState<string | null>(null)
  const list = useVerifications(chosen, date)
  const canUndo = !!staff && mayUndo(staff.role)
  const settings = useCouponSettings()
  const undo = useUndoVerification()
  const { message } = App.useApp()
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  // Every page carries the day's total; the newest page's is the freshest.
  const total = list.data?.pages[list.data.pages.length - 1]?.total
  return (
    <Page title="核销记录">
      <Space style={{ marginBottom: 16 }}>
        <Select aria-label="门店" style={{ width: 240 }} value={chosen ?? undefined} onChange={setStoreCode} showSearch optionFilterProp="label" options={storeOptions.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))} />
        <DatePicker aria-label="日期" placeholder="今天" value={date ? dayjs(date) : null} onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : null)} disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'), 'day')} />
        {total !== undefined && <span aria-label="核销总数">当天共 {total} 次核销{total > rows.length ? `，已显示 ${rows.length} 条` : ''}</span>}
      </Space>
      <Table<CouponVerification>
        rowKey="id"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '当天没有核销记录' }}
        columns={[
          { title: '核销时间', render: (_, v) => dateTime(v.verifiedAt) },
          { title: '券', render: (_, v) => `${v.coupon.title}（${v.coupon.faceText}）` },
          { title: '券码', render: (_, v) => v.coupon.code },
          { title: '会员', render: (_, v) => `${v.member.nickname ?? '会员'}（${v.member.cardNo}）` },
          { title: '核销人', render: (_, v) => v.verifiedBy?.displayName ?? '—' },
          { title: '状态', render: (_, v) => (v.undoneAt ? <Tag>已撤销</Tag> : <Tag color="green">已核销</Tag>) },
          ...(canUndo
            ? [
                {
                  title: '操作',
                  render: (_: unknown, v: CouponVerification) =>
                    withinUndoWindow(v, settings.data?.undoWindowMinutes, Date.now()) ? (
                      <Popconfirm
                        title="撤销这次核销？券将恢复为可用。"
                        okText="撤销"
                        cancelText="取消"
                        onConfirm={() => undo.mutate({ id: v.id, key: newActionKey() }, { onSuccess: () => void message.success('已撤销核销'), onError: (e) => void message.error(errorText(e)) })}
                      >
                        <Button type="link" danger>撤销</Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {list.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>加载更多</Button>}
    </Page>
  )
}
