import type { ReactNode } from 'react'
import { act, renderHook, waitFor } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { JoinResponse, MemberCard } from '@huiyuan/shared-types'
import { ApiError } from '../../src/api/client'
import { membersApi } from '../../src/api/endpoints/members'
import { useJoin, useMe } from '../../src/api/hooks/members'

const card = { id: 7, cardNo: '812345678901', points: 100 } as MemberCard

afterEach(() => jest.restoreAllMocks())

it('a card read sent before the join cannot overwrite the new member with "not a member"', async () => {
  let answerMe: (error: ApiError) => void = () => undefined
  jest.spyOn(membersApi, 'me').mockImplementation(() => new Promise((_, reject) => (answerMe = reject)))
  jest.spyOn(membersApi, 'join').mockResolvedValue({ member: card, token: 'member-token', attributionNotice: null } as JoinResponse)

  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
  const { result } = renderHook(() => ({ me: useMe(), join: useJoin() }), { wrapper })
  expect(result.current.me.isPending).toBe(true)

  await act(async () => {
    await result.current.join.mutateAsync({ consentVersion: 'v1' })
  })
  await act(async () => answerMe(new ApiError(403, 'NOT_A_MEMBER', 'not a member')))

  await waitFor(() => expect(result.current.me.data).toEqual(card))
})
