import { PageContainer } from '@ant-design/pro-components'
import type { ReactNode } from 'react'

/** Every page's frame: the title in the header, then the content. */
export function Page({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <PageContainer title={title} extra={extra} breadcrumbRender={false}>
      {children}
    </PageContainer>
  )
}
