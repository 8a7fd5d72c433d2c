import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, type RenderResult } from '@testing-library/react'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/es/locale/zh_CN'
import type { ReactElement } from 'react'
import { MemoryRouter } from 'react-router-dom'

/** Renders a console component inside the providers the app gives it (locale, messages, queries, router). */
export function renderConsole(ui: ReactElement, path = '/'): RenderResult {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  )
}

export interface RecordedRequest {
  method: string
  url: URL
  body: unknown
  headers: Record<string, string>
}

/**
 * Replaces fetch with a server stand-in at the network edge: `answer` gets each request and returns
 * [status, body]. The requests made are recorded, so a test can check what the component asked for.
 */
export function fakeServer(answer: (req: RecordedRequest) => [number, unknown]): RecordedRequest[] {
  const requests: RecordedRequest[] = []
  global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req: RecordedRequest = {
      method: init?.method ?? 'GET',
      url: new URL(String(input), 'http://console.test'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
      headers: (init?.headers ?? {}) as Record<string, string>,
    }
    requests.push(req)
    const [status, body] = answer(req)
    const text = body === null ? '' : JSON.stringify(body)
    // jsdom has no Response; the client reads only these.
    return { ok: status >= 200 && status < 300, status, text: async () => text } as Response
  }) as typeof fetch
  return requests
}
