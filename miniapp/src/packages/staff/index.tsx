import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { isApiError } from '../../api/client'
import { signOutStaff, useStaffLogin, useStaffSession } from '../../api/hooks/staff'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { routes } from '../../constants/routes'
import { copy } from './copy'
import './index.scss'

export default function StaffLoginPage() {
  const staff = useStaffSession()
  const login = useStaffLogin()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')

  const submit = () =>
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: () => void Taro.redirectTo({ url: routes.staffConsole }) },
    )

  if (staff) {
    return (
      <View className='page'>
        <Section title={copy.loginTitle}>
          <Text className='staff__who'>{copy.signedInAs(staff.displayName, staff.store?.name ?? copy.hq)}</Text>
          <Button className='btn-primary staff__btn' onClick={() => Taro.navigateTo({ url: routes.staffConsole })}>
            {copy.enter}
          </Button>
          <Button className='btn-plain staff__btn' onClick={signOutStaff}>
            {copy.signOut}
          </Button>
        </Section>
      </View>
    )
  }

  return (
    <View className='page'>
      <Section title={copy.loginTitle}>
        <View className='field'>
          <Text className='field__label'>{copy.username}</Text>
          <Input className='field__input' value={username} placeholder={copy.usernamePlaceholder} onInput={(e) => setUsername(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>{copy.password}</Text>
          <Input className='field__input' password value={password} placeholder={copy.passwordPlaceholder} onInput={(e) => setPassword(e.detail.value)} onConfirm={submit} />
        </View>
        {login.isError && <Text className='error-text staff__login-error'>{errorMessage(login.error)}</Text>}
        {/* Said after the first wrong password, before the lock-out rather than after it. */}
        {isApiError(login.error) && login.error.is('STAFF_CREDENTIALS_INVALID') && <Text className='warning staff__lockout'>{copy.lockoutWarning}</Text>}
        <Button className='btn-primary staff__btn' disabled={login.isPending || !username || !password} loading={login.isPending} onClick={submit}>
          {copy.login}
        </Button>
      </Section>
    </View>
  )
}
