export interface ReferralInvitation {
  friendName: string;
  joinedAt: string;
  state: 'joined' | 'qualified' | 'rewarded' | 'held' | 'flagged' | 'rejected';
  rewardPoints: number;
}

export interface MyReferrals {
  referralCode: string;
  sharePath: string;
  invitations: ReferralInvitation[];
  totalRewardPoints: number;
}
