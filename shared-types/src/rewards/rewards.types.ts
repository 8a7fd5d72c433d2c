export interface Reward {
  id: number;
  title: string;
  description: string;
  pointsPrice: number;
  stockLeft: number;
  perMemberLimit: number;
  imageUrl: string | null;
  couponTemplate: { id: number; kind: 'cash' | 'discount' | 'gift'; validityText: string; storesText: string };
}

export interface Redemption {
  coupon: { id: number; code: string; status: 'active' | 'used' | 'expired'; expiresAt: string };
  balance: number;
}
