import { useEffect, useState } from 'react'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BirthdayCalendar, Gender, UpdateProfileRequest } from '@huiyuan/shared-types'
import { useDeleteAccount, useMe, usePrivacyNotice, useProfile, useUpdateProfile } from '../../api/hooks/members'
import { membersApi } from '../../api/endpoints/members'
import { isH5 } from '../../api/env'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { routes } from '../../constants/routes'
import { copy } from './copy'
import './index.scss'

const pad = (n: number) => String(n).padStart(2, '0')

function saveFile(json: string): void {
  // Only reached in H5, where a Blob download is the natural "download my data".
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = 'huiyuan-my-data.json'
  a.click()
  URL.revokeObjectURL(url)
}

export default function MinePage() {
  const me = useMe()
  const member = me.data
  const profile = useProfile(!!member)
  const privacy = usePrivacyNotice()
  const update = useUpdateProfile()
  const remove = useDeleteAccount()

  const [nickname, setNickname] = useState('')
  const [gender, setGender] = useState<Gender>('unknown')
  const [birthday, setBirthday] = useState<string | null>(null)
  const [calendar, setCalendar] = useState<BirthdayCalendar>('solar')
  const [exporting, setExporting] = useState(false)

  useEffect(() => {
    const p = profile.data
    if (!p) return
    setNickname(p.nickname ?? '')
    setGender(p.gender)
    setCalendar(p.birthday?.calendar ?? 'solar')
    setBirthday(p.birthday ? `${p.birthday.year ?? 2000}-${pad(p.birthday.month)}-${pad(p.birthday.day)}` : null)
  }, [profile.data])

  const genderIndex = Math.max(0, copy.genders.findIndex((g) => g.value === gender))
  const calendarIndex = Math.max(0, copy.calendars.findIndex((c) => c.value === calendar))

  const save = () => {
    const [year, month, day] = (birthday ?? '').split('-').map(Number)
    const body: UpdateProfileRequest = {
      nickname: nickname.trim(),
      gender,
      birthday: birthday && month && day ? { calendar, month, day, year } : null,
    }
    update.mutate(body, { onSuccess: () => void Taro.showToast({ title: copy.saved, icon: 'success' }) })
  }

  const download = async () => {
    setExporting(true)
    try {
      const json = JSON.stringify(await membersApi.exportData(), null, 2)
      if (isH5()) {
        saveFile(json)
        await Taro.showToast({ title: copy.downloaded, icon: 'success' })
      } else {
        await Taro.setClipboardData({ data: json })
        await Taro.showToast({ title: copy.copied, icon: 'none' })
      }
    } catch (error) {
      await Taro.showToast({ title: errorMessage(error), icon: 'none' })
    } finally {
      setExporting(false)
    }
  }

  const confirmDelete = async () => {
    const { confirm } = await Taro.showModal({
      title: copy.deleteConfirmTitle,
      content: copy.deleteConfirmBody,
      confirmText: copy.deleteConfirm,
      confirmColor: '#c0392b',
    })
    if (!confirm) return
    remove.mutate(undefined, {
      onSuccess: () => {
        void Taro.showToast({ title: copy.deleted, icon: 'success' })
        void Taro.switchTab({ url: routes.home })
      },
      onError: (error) => void Taro.showToast({ title: errorMessage(error), icon: 'none' }),
    })
  }

  return (
    <View className='page mine'>
      <Section title={copy.profile}>
        {(me.isPending || me.isError) && <PageState loading={me.isPending} error={me.error} onRetry={() => void me.refetch()} />}
        {member === null && (
          <View className='mine__join'>
            <Text className='hint'>{copy.notMember}</Text>
            <Button className='btn-primary' size='mini' onClick={() => Taro.navigateTo({ url: routes.join })}>
              {copy.join}
            </Button>
          </View>
        )}
        {member && !profile.data && (
          <PageState loading={profile.isPending} error={profile.error} onRetry={() => void profile.refetch()} />
        )}
        {member && profile.data && (
          <View>
            <View className='field'>
              <Text className='field__label'>{copy.nickname}</Text>
              <Input
                className='field__input'
                value={nickname}
                maxlength={20}
                placeholder={copy.nicknamePlaceholder}
                onInput={(e) => setNickname(e.detail.value)}
              />
            </View>
            <Picker
              mode='selector'
              range={copy.genders.map((g) => g.label)}
              value={genderIndex}
              onChange={(e) => setGender(copy.genders[Number(e.detail.value)]?.value ?? 'unknown')}
            >
              <View className='field'>
                <Text className='field__label'>{copy.gender}</Text>
                <Text className='field__input'>{copy.genders[genderIndex]?.label}</Text>
              </View>
            </Picker>
            <Picker
              mode='selector'
              range={copy.calendars.map((c) => c.label)}
              value={calendarIndex}
              onChange={(e) => setCalendar(copy.calendars[Number(e.detail.value)]?.value ?? 'solar')}
            >
              <View className='field'>
                <Text className='field__label'>{copy.calendar}</Text>
                <Text className='field__input'>{copy.calendars[calendarIndex]?.label}</Text>
              </View>
            </Picker>
            <Picker mode='date' value={birthday ?? '1990-01-01'} start='1900-01-01' end='2030-12-31' onChange={(e) => setBirthday(e.detail.value)}>
              <View className='field'>
                <Text className='field__label'>{copy.birthday}</Text>
                <Text className='field__input'>{birthday ?? copy.birthdayUnset}</Text>
              </View>
            </Picker>
            {calendar === 'lunar' && <Text className='hint'>{copy.lunarHint}</Text>}
            {update.isError && <Text className='error-text'>{errorMessage(update.error)}</Text>}
            <Button className='btn-primary mine__save' loading={update.isPending} disabled={update.isPending} onClick={save}>
              {copy.save}
            </Button>
          </View>
        )}
      </Section>

      <Section title={copy.privacy} extra={privacy.data ? <Text className='muted'>{copy.privacyVersion(privacy.data.version)}</Text> : undefined}>
        {privacy.data ? (
          <Text className='hint mine__privacy'>{privacy.data.body}</Text>
        ) : (
          <PageState loading={privacy.isPending} error={privacy.error} onRetry={() => void privacy.refetch()} />
        )}
      </Section>

      {member && (
        <Section title={copy.myData}>
          <Button className='btn-plain' loading={exporting} disabled={exporting} onClick={() => void download()}>
            {copy.download}
          </Button>
          <Button className='btn-danger mine__delete' disabled={remove.isPending} onClick={() => void confirmDelete()}>
            {copy.deleteAccount}
          </Button>
        </Section>
      )}

      <Section title={copy.staff}>
        <Text className='hint'>{copy.staffHint}</Text>
        <Button className='btn-plain mine__staff' onClick={() => Taro.navigateTo({ url: routes.staffLogin })}>
          {copy.staff}
        </Button>
      </Section>
    </View>
  )
}
