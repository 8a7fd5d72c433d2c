import { UploadOutlined } from '@ant-design/icons'
import { REWARD_IMAGE_MAX_BYTES, REWARD_IMAGE_PATH } from '@huiyuan/shared-types'
import { Button, Input, Space, Typography, Upload } from 'antd'
import { useState } from 'react'
import { isApiError } from '../../api/client'
import { couponsApi } from '../../api/endpoints/coupons'
import { errorText } from '../../lib/errors'

const TYPES = ['image/png', 'image/jpeg']

export const imageCopy = {
  upload: '上传图片',
  replace: '更换图片',
  remove: '移除图片',
  hint: `PNG 或 JPEG，不超过 ${REWARD_IMAGE_MAX_BYTES / 1024} KB，建议 750×750 像素的方图`,
  none: '未设置图片：小程序显示默认礼品图',
  wrongType: '请上传 PNG 或 JPEG 图片',
  tooLarge: (kb: number) => `图片 ${kb} KB，超过 ${REWARD_IMAGE_MAX_BYTES / 1024} KB，请压缩后再上传`,
  refused: '图片未通过检查：请上传每边 64–4096 像素、不超过 512 KB 的 PNG 或 JPEG 图片',
  urlPlaceholder: '或填写 https:// 开头的图片地址',
  preview: '商品图片预览',
}

/** The form rule for imageUrl: an image uploaded here, an http(s) address, or none. */
export const imageUrlRule = {
  validator: async (_: unknown, value: string | undefined) => {
    const v = (value ?? '').trim()
    if (!v || v.startsWith(REWARD_IMAGE_PATH) || /^https?:\/\/\S+$/.test(v)) return
    throw new Error('请上传图片，或填写以 http:// 或 https:// 开头的图片地址')
  },
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

/**
 * The reward's picture: upload one (checked here for type and weight, on the server for what the bytes
 * really are), or give an address HQ hosts elsewhere. The value is the reward's imageUrl.
 */
export function RewardImageField({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const url = value ?? ''

  const send = async (file: File) => {
    setProblem(null)
    if (!TYPES.includes(file.type)) return setProblem(imageCopy.wrongType)
    if (file.size > REWARD_IMAGE_MAX_BYTES) return setProblem(imageCopy.tooLarge(Math.ceil(file.size / 1024)))
    setBusy(true)
    try {
      const uploaded = await couponsApi.uploadRewardImage(await base64Of(file))
      onChange?.(uploaded.imageUrl)
    } catch (error) {
      setProblem(isApiError(error) && error.code === 'VALIDATION_FAILED' ? imageCopy.refused : errorText(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Space align="start" size={16}>
      {url ? (
        <img src={url} alt={imageCopy.preview} width={120} height={120} style={{ objectFit: 'cover', borderRadius: 8, background: '#fbf7ec' }} />
      ) : (
        <div style={{ width: 120, height: 120, borderRadius: 8, background: '#fbf7ec', color: '#6b5a2e', display: 'flex', alignItems: 'center', justifyContent: 'center', textAlign: 'center', padding: 8, fontSize: 12 }}>{imageCopy.none}</div>
      )}
      <Space direction="vertical" size={8}>
        <Space>
          <Upload accept={TYPES.join(',')} showUploadList={false} beforeUpload={(file) => {
              // Sent by send(); false keeps antd's own uploader out of it.
              void send(file)
              return false
            }}>
            <Button icon={<UploadOutlined />} loading={busy}>
              {url ? imageCopy.replace : imageCopy.upload}
            </Button>
          </Upload>
          {url && <Button onClick={() => onChange?.('')}>{imageCopy.remove}</Button>}
        </Space>
        <Typography.Text type="secondary">{imageCopy.hint}</Typography.Text>
        <Input id={id} value={url.startsWith(REWARD_IMAGE_PATH) ? '' : url} placeholder={imageCopy.urlPlaceholder} onChange={(e) => onChange?.(e.target.value)} style={{ width: 320 }} />
        {problem && <Typography.Text type="danger" role="alert">{problem}</Typography.Text>}
      </Space>
    </Space>
  )
}
