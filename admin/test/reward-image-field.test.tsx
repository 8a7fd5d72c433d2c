import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { RewardForm, emptyReward, valuesToReward, type RewardFormValues } from '../src/pages/rewards/RewardForm'
import { imageCopy } from '../src/pages/rewards/RewardImageField'
import { fakeServer, renderConsole, type RecordedRequest } from './render'

const uploaded = '/api/v1/reward-images/0123456789abcdef0123456789abcdef.png'
const fileInput = () => document.querySelector('input[type="file"]') as HTMLInputElement
/** The template picker loads its first page on its own; these tests are about the picture's requests. */
const answer = (upload: [number, unknown]) => (req: RecordedRequest): [number, unknown] =>
  req.url.pathname === '/api/v1/staff/rewards/images' ? upload : [200, { items: [], total: 0, nextCursor: null }]
const uploads = (requests: RecordedRequest[]) => requests.filter((r) => r.url.pathname === '/api/v1/staff/rewards/images')

// Each test types and uploads through antd's form: slow on a busy 2-core machine.
jest.setTimeout(120_000)

describe('reward form: the picture', () => {
  it('uploads a PNG as base64, previews it and submits its imageUrl', async () => {
    const requests = fakeServer(answer([201, { imageUrl: uploaded, width: 750, height: 750, bytes: 4 }]))
    const onSubmit = jest.fn()
    renderConsole(<RewardForm id="r" initial={{ ...emptyReward, title: '有图的奖品', couponTemplateId: 7, pointsPrice: 10, stock: 5 }} currentTemplateLabel='饮品券' tiers={[]} onSubmit={onSubmit} />)
    expect(screen.getByText(imageCopy.none)).toBeInTheDocument()
    await userEvent.upload(fileInput(), new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'gift.png', { type: 'image/png' }))
    expect(await screen.findByAltText(imageCopy.preview)).toHaveAttribute('src', uploaded)
    expect(uploads(requests)).toHaveLength(1)
    expect(uploads(requests)[0]).toMatchObject({ method: 'POST', body: { data: 'iVBORw==' } })
    expect(screen.getByText(imageCopy.replace)).toBeInTheDocument()

    await userEvent.type(screen.getByLabelText('商品名称'), '{Enter}')
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(valuesToReward(onSubmit.mock.calls[0][0] as RewardFormValues).imageUrl).toBe(uploaded)
  })

  it('refuses another type or an oversized file before sending anything, in Chinese', async () => {
    const requests = fakeServer(answer([500, null]))
    renderConsole(<RewardForm id="r" initial={emptyReward} currentTemplateLabel='饮品券' tiers={[]} onSubmit={jest.fn()} />)
    await userEvent.upload(fileInput(), new File(['GIF89a'], 'a.gif', { type: 'image/gif' }), { applyAccept: false })
    expect(await screen.findByRole('alert')).toHaveTextContent(imageCopy.wrongType)
    await userEvent.upload(fileInput(), new File([new Uint8Array(600 * 1024)], 'big.jpg', { type: 'image/jpeg' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(imageCopy.tooLarge(600))
    expect(uploads(requests)).toHaveLength(0)
  })

  it("says what the server refused in Chinese, and keeps the reward's image unchanged", async () => {
    fakeServer(answer([400, { error: { code: 'VALIDATION_FAILED', message: 'data: the image is 40×40 pixels; each side needs at least 64' } }]))
    const onSubmit = jest.fn()
    renderConsole(<RewardForm id="r" initial={{ ...emptyReward, imageUrl: 'https://cdn.example.com/a.jpg' }} currentTemplateLabel='饮品券' tiers={[]} onSubmit={onSubmit} />)
    await userEvent.upload(fileInput(), new File([new Uint8Array([0xff, 0xd8, 0xff])], 'tiny.jpg', { type: 'image/jpeg' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(imageCopy.refused)
    expect(screen.getByAltText(imageCopy.preview)).toHaveAttribute('src', 'https://cdn.example.com/a.jpg')
  })

  it('takes an address HQ hosts elsewhere, and refuses one that is not http(s)', async () => {
    fakeServer(answer([500, null]))
    const onSubmit = jest.fn()
    renderConsole(<RewardForm id="r" initial={{ ...emptyReward, title: '外链', couponTemplateId: 7, pointsPrice: 10, stock: 5 }} currentTemplateLabel='饮品券' tiers={[]} onSubmit={onSubmit} />)
    // Pasted, not typed key by key: one change re-validates the form once.
    await userEvent.click(screen.getByPlaceholderText(imageCopy.urlPlaceholder))
    await userEvent.paste('ftp://x/a.png')
    await userEvent.keyboard('{Enter}')
    expect(await screen.findByText('请上传图片，或填写以 http:// 或 https:// 开头的图片地址')).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()
  })
})
