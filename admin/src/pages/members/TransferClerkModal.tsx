import { App, Form, Modal, Select } from 'antd'
import { useState } from 'react'
import { useTransferClerk } from '../../api/hooks/members'
import { useClerks } from '../../api/hooks/stores'
import { errorText } from '../../lib/errors'
import { focusFirstField } from '../../lib/focus'
import { newActionKey } from '../../lib/format'
import { required } from '../../lib/rules'

interface TransferValues {
  fromClerkId: number
  toClerkId: number
}

/** Moves every member one clerk maintains to another (a clerk leaves or changes store). */
export function TransferClerkModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<TransferValues>()
  const clerks = useClerks()
  const transfer = useTransferClerk()
  const { message } = App.useApp()
  const [key, setKey] = useState(newActionKey)
  const options = (clerks.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.store?.name ?? '总部'}）` }))
  return (
    <Modal title="批量转移维护人" open={open} onCancel={onClose} okText="转移" cancelText="取消" confirmLoading={transfer.isPending} onOk={() => form.submit()} destroyOnHidden afterOpenChange={(o) => o && focusFirstField('transfer-form')}>
      <Form
        id="transfer-form"
        form={form}
        layout="vertical"
        scrollToFirstError={{ focus: true }}
        onFinish={(v) =>
          transfer.mutate(
            { ...v, key },
            {
              onSuccess: (r) => {
                void message.success(`已转移 ${r.moved} 位会员`)
                setKey(newActionKey())
                form.resetFields()
                onDone()
                onClose()
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item name="fromClerkId" label="原维护人" rules={[required('原维护人')]}>
          <Select showSearch optionFilterProp="label" options={options} />
        </Form.Item>
        <Form.Item
          name="toClerkId"
          label="新维护人"
          dependencies={['fromClerkId']}
          rules={[required('新维护人'), ({ getFieldValue }) => ({ validator: (_, v) => (v && v === getFieldValue('fromClerkId') ? Promise.reject(new Error('新维护人不能与原维护人相同')) : Promise.resolve()) })]}
        >
          <Select showSearch optionFilterProp="label" options={options} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
