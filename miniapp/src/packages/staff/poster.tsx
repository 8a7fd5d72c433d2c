import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { downloadToTempFile } from '../../api/client'
import { isH5 } from '../../api/env'
import { useStorePoster } from '../../api/hooks/staff-admin'
import { staffApi } from '../../api/endpoints/staff'
import { PageState } from '../../components/PageState'
import { Section } from '../../components/Section'
import { errorMessage } from '../../constants/error-copy'
import { confirmDialog } from '../../lib/dialog'
import { posterCopy as copy } from './copy'
import { StaffGate, StorePicker, useStoreChoice } from './parts'
import type { StaffProfile } from '@huiyuan/shared-types'
import './index.scss'

function saveInBrowser(dataUrl: string, fileName: string): void {
  const a = document.createElement('a')
  a.href = dataUrl
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
}

function openInNewTab(dataUrl: string): void {
  // Browsers refuse to navigate a new tab to a data: URL; an object URL of the same bytes opens.
  void fetch(dataUrl)
    .then((r) => r.blob())
    .then((blob) => window.open(URL.createObjectURL(blob), '_blank'))
}

async function saveToAlbum(storeCode: string): Promise<void> {
  try {
    const filePath = await downloadToTempFile(staffApi.storePosterPath(storeCode), 'staff')
    await Taro.saveImageToPhotosAlbum({ filePath })
    await Taro.showToast({ title: copy.saved, icon: 'success' })
  } catch (error) {
    const errMsg = (error as { errMsg?: string })?.errMsg ?? ''
    // Refused once, WeChat never asks again: the way back is the app's settings page.
    if (/auth deny|auth denied|authorize no response|privacy permission/i.test(errMsg)) {
      if (await confirmDialog({ title: copy.albumTitle, content: copy.albumBody, confirmText: copy.albumOpen })) await Taro.openSetting({})
      return
    }
    await Taro.showToast({ title: errMsg ? copy.saveFailed : errorMessage(error), icon: 'none' })
  }
}

function Poster({ staff }: { staff: StaffProfile }) {
  const choice = useStoreChoice(staff)
  const poster = useStorePoster(choice.code)
  const fileName = `poster-${choice.code ?? ''}.png`

  return (
    <View className='page'>
      <Section title={copy.title}>
        <StorePicker choice={choice} />
        {choice.stores.data && !choice.code && <Text className='hint'>{copy.noStores}</Text>}
        {choice.store && <Text className='staff__who'>{choice.store.name}</Text>}
        <Text className='hint'>{copy.hint}</Text>
        {poster.data ? (
          <>
            <Image className={isH5() ? 'admin__poster admin__poster--h5' : 'admin__poster'} src={poster.data} mode='widthFix' />
            <View className='admin__actions'>
              {isH5() ? (
                <>
                  <Button className='btn-primary' onClick={() => saveInBrowser(poster.data, fileName)}>{copy.download}</Button>
                  <Button className='btn-plain' onClick={() => openInNewTab(poster.data)}>{copy.openTab}</Button>
                </>
              ) : (
                <Button className='btn-primary' onClick={() => choice.code && void saveToAlbum(choice.code)}>{copy.save}</Button>
              )}
            </View>
          </>
        ) : (
          choice.code && <PageState loading={poster.isPending} error={poster.error} onRetry={() => void poster.refetch()} loadingText={copy.loading} />
        )}
      </Section>
    </View>
  )
}

export default function StorePosterPage() {
  return <StaffGate page='poster'>{(staff) => <Poster staff={staff} />}</StaffGate>
}
