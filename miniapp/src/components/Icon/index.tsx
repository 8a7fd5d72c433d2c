import { Image } from '@tarojs/components'
import card from '../../assets/icons/card.svg'
import checkin from '../../assets/icons/checkin.svg'
import coupon from '../../assets/icons/coupon.svg'
import gift from '../../assets/icons/gift.svg'
import invite from '../../assets/icons/invite.svg'
import phone from '../../assets/icons/phone.svg'
import points from '../../assets/icons/points.svg'
import shield from '../../assets/icons/shield.svg'
import star from '../../assets/icons/star.svg'
import store from '../../assets/icons/store.svg'

/** Line icons drawn for this project (src/assets/icons, 48×48, brand gold); small enough to be inlined by the build. */
const icons = { card, checkin, coupon, gift, invite, phone, points, shield, star, store } as const

export type IconName = keyof typeof icons

/** Decorative: the text beside it says what it means, so screen readers skip it. */
export function Icon({ name, size = 48, className }: { name: IconName; size?: number; className?: string }) {
  return <Image className={className} src={icons[name]} style={{ width: `${size / 2}px`, height: `${size / 2}px` }} mode='aspectFit' aria-hidden />
}
