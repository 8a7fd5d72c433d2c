import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/es/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { Suspense, useState } from 'react'
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom'
import { useSession } from './api/hooks/session'
import { createQueryClient } from './api/query-client'
import { ConsoleLayout } from './layout/ConsoleLayout'
import { PageLoading } from './components/PageLoading'
import { ChangePasswordPage } from './pages/login/ChangePasswordPage'
import { LoginPage } from './pages/login/LoginPage'
import { homeFor, routesFor } from './routes'

dayjs.locale('zh-cn')

function ConsoleRoutes() {
  const staff = useSession()
  if (!staff) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace />} />
      </Routes>
    )
  }
  if (staff.mustChangePassword) return <ChangePasswordPage staff={staff} />
  return (
    <Routes>
      <Route element={<ConsoleLayout staff={staff} />}>
        {routesFor(staff.role).map((r) => (
          <Route key={r.path} path={r.path} element={<Suspense fallback={<PageLoading />}><r.page /></Suspense>} />
        ))}
        <Route path="*" element={<Navigate to={homeFor(staff.role)} replace />} />
      </Route>
    </Routes>
  )
}

export function App() {
  const [queryClient] = useState(createQueryClient)
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b8860b' } }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/admin">
            <ConsoleRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  )
}
