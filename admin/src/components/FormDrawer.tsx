import { Button, Drawer, Space } from 'antd'
import type { ReactNode } from 'react'
import { focusFirstField } from '../lib/focus'

/** A side panel holding one editor form; the submit button is the form's own (so Enter submits too). */
export function FormDrawer({ title, open, onClose, formId, saving, children, width = 560 }: { title: string; open: boolean; onClose: () => void; formId: string; saving: boolean; children: ReactNode; width?: number }) {
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      width={width}
      destroyOnHidden
      afterOpenChange={(o) => o && focusFirstField(formId)}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" form={formId} loading={saving}>
            保存
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  )
}
