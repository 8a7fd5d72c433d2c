import { useState, type PropsWithChildren } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { useLaunch } from '@tarojs/taro'
import { createQueryClient } from './api/query-client'
import { listenForPrivacyAuthorization } from './lib/privacy'
import './app.scss'

function App({ children }: PropsWithChildren) {
  const [queryClient] = useState(createQueryClient)
  useLaunch(listenForPrivacyAuthorization)
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}

export default App
