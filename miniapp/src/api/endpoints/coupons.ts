import type { Coupon, CouponStatus, Page } from '@huiyuan/shared-types'
import { api } from '../client'

export type { Coupon, CouponStatus }

/** The coupon detail may carry a QR image of the code (PNG data URL), like the member code. */
export type CouponDetail = Coupon & { qrPng?: string }

export const couponsApi = {
  list: (status: CouponStatus, cursor?: string | null) => api.get<Page<Coupon>>('/api/v1/coupons', { status, cursor }),
  detail: (id: string) => api.get<CouponDetail>(`/api/v1/coupons/${encodeURIComponent(id)}`),
}
