import { useEffect, useState } from 'react'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BirthdayCalendar, Gender, UpdateProfileRequest } from '@huiyuan/shared-types'
import { useBindPhone, useDeleteAccount, useMe, usePrivacyNotice, useProfile, useUpdateProfile } from '../../api/hooks/members'
import { membersApi } from '../../api/endpoints/members'
import { isH5 } from '../../api/env'
import { Icon } from '../../components/Icon'
import { JoinPrompt } from '../../components/JoinPrompt'
import { PageState } from '../../components/PageState'
import { PhoneButton, phoneOutcomeText, type PhoneOutcome } from '../../components/PhoneButton'
import { PrivacyGate } from '../../components/PrivacyGate'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { routes } from '../../constants/routes'
import { cardTheme } from '../../lib/colors'
import { confirmDialog } from '../../lib/dialog'
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
  const [exportFile, setExportFile] = useState<string | null>(null)
  const [phoneNote, setPhoneNote] = useState<string | null>(null)
  const bindPhone = useBindPhone()

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
        // Personal data never goes on the clipboard, where every other app can read it: it is written to
        // the app's own files and sent from there with a second tap (WeChat needs a tap to share a file).
        const filePath = `${Taro.env.USER_DATA_PATH}/my-member-data.json`
        Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8')
        setExportFile(filePath)
      }
    } catch (error) {
      await Taro.showToast({ title: errorMessage(error), icon: 'none' })
    } finally {
      setExporting(false)
    }
  }

  const sendExport = () => {
    if (exportFile) void Taro.shareFileMessage({ filePath: exportFile, fileName: copy.exportFileName }).catch(() => undefined)
  }

  const onPhone = (outcome: PhoneOutcome) => {
    setPhoneNote(phoneOutcomeText(outcome))
    if (outcome.kind === 'code') bindPhone.mutate(outcome.code, { onSuccess: () => void Taro.showToast({ title: copy.phoneBound, icon: 'success' }) })
  }

  const confirmDelete = async () => {
    if (!(await confirmDialog({ title: copy.deleteConfirmTitle, content: copy.deleteConfirmBody, confirmText: copy.deleteConfirm, danger: true }))) return
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
      <PrivacyGate />
      {member && (
        <View className='mine__head' style={{ background: cardTheme(member.tier.cardColor).background, color: cardTheme(member.tier.cardColor).text }}>
          <View className='mine__avatar'>
            <Icon name='card' size={56} />
          </View>
          <View className='mine__who'>
            <Text className='mine__name'>{member.nickname || copy.noNickname}</Text>
            <Text className='mine__tier'>{copy.tierAndCard(member.tier.name, member.cardNo)}</Text>
          </View>
        </View>
      )}
      {member === null && <JoinPrompt title={copy.notMember} />}
      {member && (
        <Section title={copy.phone}>
          {profile.data && (
            <View className='row'>
              <Text className='row__label'>{copy.phone}</Text>
              <Text className='row__value'>{profile.data.phoneMasked ?? copy.phoneNone}</Text>
            </View>
          )}
          <PhoneButton className='btn-plain mine__phone' disabled={bindPhone.isPending} onOutcome={onPhone}>
            {profile.data?.phoneMasked ? copy.phoneChange : copy.phoneBind}
          </PhoneButton>
          <Text className='hint'>{copy.phoneWhy}</Text>
          {phoneNote && <Text className='warning'>{phoneNote}</Text>}
          {bindPhone.isError && <Text className='error-text'>{errorMessage(bindPhone.error)}</Text>}
        </Section>
      )}
      <Section title={copy.profile}>
        {(me.isPending || me.isError) && <PageState loading={me.isPending} error={me.error} onRetry={() => void me.refetch()} />}
        {member === null && <Text className='hint'>{copy.profileAfterJoin}</Text>}
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
          {exportFile && (
            <Button className='btn-primary mine__send' onClick={sendExport}>
              {copy.exportSend}
            </Button>
          )}
          <Button className='btn-danger mine__delete' disabled={remove.isPending} onClick={() => void confirmDelete()}>
            {copy.deleteAccount}
          </Button>
        </Section>
      )}

      {member && (
        <View className='mine__staff' role='link' ariaRole='link' ariaLabel={copy.subscriptions} onClick={() => void Taro.navigateTo({ url: routes.subscriptions })}>
          <Text>{copy.subscriptions}</Text>
        </View>
      )}

      <View className='mine__staff' role='link' ariaRole='link' ariaLabel={copy.staff} onClick={() => void Taro.navigateTo({ url: routes.staffLogin })}>
        <Text>{copy.staff}</Text>
      </View>
    </View>
  )
}
