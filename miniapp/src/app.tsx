import { useState, type PropsWithChildren } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { createQueryClient } from './api/query-client'
import { reportCampaignOpen } from './lib/campaign-open'
import { listenForPrivacyAuthorization } from './lib/privacy'
import './app.scss'

function App({ children }: PropsWithChildren) {
  const [queryClient] = useState(createQueryClient)
  useLaunch((options) => {
    listenForPrivacyAuthorization()
    reportCampaignOpen(options?.query)
  })
  // A message tapped while the app is in the background shows it again with the message's query.
  useDidShow((options) => reportCampaignOpen(options?.query))
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}

export default App
