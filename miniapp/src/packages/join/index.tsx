import { useMemo, useState } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PRIVACY_NOTICE_VERSION, type JoinResponse } from '@huiyuan/shared-types'
import { useBindPhone, useJoin, useMe, usePrivacyNotice } from '../../api/hooks/members'
import { useStoreName, useWelcomePoints } from '../../api/hooks/programme'
import { Icon } from '../../components/Icon'
import { PageState } from '../../components/PageState'
import { PhoneButton, phoneOutcomeText, type PhoneOutcome } from '../../components/PhoneButton'
import { PrivacyGate } from '../../components/PrivacyGate'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { routes } from '../../constants/routes'
import { parseScene } from '../../lib/scene'
import { copy } from './copy'
import './index.scss'

export default function JoinPage() {
  const { params } = useRouter()
  const scene = useMemo(() => parseScene(params.scene), [params.scene])
  const me = useMe()
  const privacy = usePrivacyNotice()
  const welcome = useWelcomePoints()
  const store = useStoreName(scene.storeCode)
  const join = useJoin()
  const bindPhone = useBindPhone()
  const [phoneNote, setPhoneNote] = useState<string | null>(null)
  const consentVersion = privacy.data?.version ?? PRIVACY_NOTICE_VERSION
  const busy = join.isPending || bindPhone.isPending

  const joined = (result: JoinResponse) => {
    void Taro.showToast({ title: copy.joined, icon: 'success' })
    if (result.attributionNotice) void Taro.showToast({ title: copy.attributionNotice, icon: 'none' })
    void Taro.switchTab({ url: routes.card })
  }

  const onJoin = () => join.mutate({ scene: scene.raw, consentVersion }, { onSuccess: joined })

  // The phone is optional: a refusal or an app without phone access still lets the member join with one more tap.
  const onPhone = (outcome: PhoneOutcome) => {
    setPhoneNote(phoneOutcomeText(outcome))
    if (outcome.kind !== 'code') return
    join.mutate(
      { scene: scene.raw, consentVersion },
      {
        onSuccess: (result) =>
          bindPhone.mutate(outcome.code, {
            onSettled: (_profile, error) => {
              if (error) void Taro.showToast({ title: copy.phoneLater, icon: 'none' })
              joined(result)
            },
          }),
      },
    )
  }

  const storeLabel = scene.storeCode ? (store.data ?? (store.isError ? null : '')) : null

  return (
    <View className='page join'>
      <PrivacyGate />
      <View className='join__hero'>
        <Text className='join__title'>{copy.title}</Text>
        <View className='join__gift'>
          <Icon name='gift' size={56} />
          <Text className='join__gift-text'>{welcome.data ? copy.gift(welcome.data) : copy.giftUnknown}</Text>
        </View>
        <Text className='join__intro'>{copy.intro}</Text>
        {storeLabel !== null && storeLabel !== '' && <Text className='join__tag'>{copy.fromStore(storeLabel)}</Text>}
        {scene.referralCode && <Text className='join__tag'>{copy.fromReferrer}</Text>}
      </View>
      {scene.malformed && <Text className='warning join__warning'>{copy.malformed}</Text>}

      <Section title={copy.privacyTitle} extra={<Text className='muted'>{copy.version(consentVersion)}</Text>}>
        {privacy.data ? (
          <ScrollView scrollY className='join__privacy'>
            <Text className='hint'>{privacy.data.body}</Text>
          </ScrollView>
        ) : (
          <PageState loading={privacy.isPending} error={privacy.error} onRetry={() => void privacy.refetch()} />
        )}
        <Text className='hint join__consent'>{copy.consent}</Text>
      </Section>

      <View className='join__actions'>
        {me.data ? (
          <>
            <Text className='hint'>{copy.alreadyMember}</Text>
            <Button className='btn-primary' onClick={() => Taro.switchTab({ url: routes.card })}>
              {copy.toCard}
            </Button>
          </>
        ) : (
          <>
            <PhoneButton className='btn-primary' disabled={busy || !privacy.data || me.isPending} onOutcome={onPhone}>
              {copy.joinWithPhone}
            </PhoneButton>
            {/* The label stays put while the spinner shows: in H5, swapping the text in the same render
                as `loading` makes Taro's button insert its spinner before a node React already removed. */}
            <Button className='btn-plain' disabled={busy || !privacy.data || me.isPending} loading={join.isPending} onClick={onJoin}>
              {copy.join}
            </Button>
            <Text className='hint join__phone-why'>{copy.phoneWhy}</Text>
          </>
        )}
        {phoneNote && <Text className='warning'>{phoneNote}</Text>}
        {join.isError && <Text className='error-text'>{errorMessage(join.error)}</Text>}
      </View>
    </View>
  )
}
