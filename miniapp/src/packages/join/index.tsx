import { useMemo } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types'
import { useJoin, useMe, usePrivacyNotice } from '../../api/hooks/members'
import { PageState } from '../../components/PageState'
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
  const join = useJoin()
  const consentVersion = privacy.data?.version ?? PRIVACY_NOTICE_VERSION

  const onJoin = () =>
    join.mutate(
      { scene: scene.raw, consentVersion },
      {
        onSuccess: (result) => {
          void Taro.showToast({ title: copy.joined, icon: 'success' })
          if (result.attributionNotice) void Taro.showToast({ title: copy.attributionNotice(result.attributionNotice), icon: 'none' })
          void Taro.switchTab({ url: routes.card })
        },
      },
    )

  return (
    <View className='page join'>
      <View className='join__hero'>
        <Text className='join__title'>{copy.title}</Text>
        <Text className='join__intro'>{copy.intro}</Text>
        {scene.storeCode && <Text className='join__tag'>{copy.fromStore(scene.storeCode)}</Text>}
        {scene.referralCode && <Text className='join__tag'>{copy.fromReferrer(scene.referralCode)}</Text>}
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
          // The label stays put while the spinner shows: in H5, swapping the text in the same render
          // as `loading` makes Taro's button insert its spinner before a node React already removed.
          <Button className='btn-primary' disabled={join.isPending || !privacy.data || me.isPending} loading={join.isPending} onClick={onJoin}>
            {copy.join}
          </Button>
        )}
        {join.isError && <Text className='error-text'>{errorMessage(join.error)}</Text>}
      </View>
    </View>
  )
}
