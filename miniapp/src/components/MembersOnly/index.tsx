import type { ReactNode } from 'react'
import { useMe } from '../../api/hooks/members'
import { JoinPrompt } from '../JoinPrompt'
import { PageState } from '../PageState'

/**
 * A members-only page: a visitor sees what joining gives instead of an error, and the page's own
 * requests (which would all answer NOT_A_MEMBER) are never sent, since `children` mounts only for members.
 */
export function MembersOnly({ title, children }: { title: string; children: ReactNode }) {
  const me = useMe()
  if (me.data === null) return <JoinPrompt title={title} />
  if (!me.data) return <PageState loading={me.isPending} error={me.error} onRetry={() => void me.refetch()} />
  return <>{children}</>
}
