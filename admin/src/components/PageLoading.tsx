import { Spin } from 'antd'

export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip="加载中…">
        <div style={{ height: 48 }} />
      </Spin>
    </div>
  )
}
