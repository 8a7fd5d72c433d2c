/** The member lifecycle moments an automation can answer. */
export enum AutomationKind {
  POINTS_CHANGED = 'points_changed',
  WELCOME = 'welcome',
  FIRST_PURCHASE_FOLLOW_UP = 'first_purchase_follow_up',
  BIRTHDAY = 'birthday',
  POINTS_EXPIRING = 'points_expiring',
  COUPON_EXPIRING = 'coupon_expiring',
  DORMANT_WIN_BACK = 'dormant_win_back',
  TIER_UP = 'tier_up',
  TIER_DOWN = 'tier_down',
  CHECKIN_REMINDER = 'checkin_reminder',
  MEMBER_DAY = 'member_day',
}

/** Timing, per kind: `days` is N (days after, before or ahead), unused where a kind has no N. */
export interface AutomationTiming {
  days: number;
  /** A business-zone time of day, HH:MM, for kinds that fire at one (the check-in reminder). */
  time?: string | null;
}

export interface AutomationView {
  id: number;
  kind: AutomationKind;
  name: string;
  description: string;
  enabled: boolean;
  /** The subscribe-message template (message_templates.id), null until one is chosen. */
  templateId: number | null;
  /** Field key → text with placeholders ({nickname}, {points}, {tier}, {coupon}, {expiry}, {store}…). */
  fieldValues: Record<string, string>;
  page: string | null;
  couponTemplateId: number | null;
  /** The coupon template's title, for showing. */
  couponTitle: string | null;
  pointsAward: number;
  timing: AutomationTiming;
  /** Whether the kind takes a `days` timing, and what it means. */
  timingLabel: string | null;
  /** Whether the kind takes a time of day (`timing.time`), and what it means. */
  timeLabel: string | null;
  /** Whether the kind may give a coupon or points (an announcement to subscribers may not: WeChat forbids rewarding a subscription). */
  awards: boolean;
  /** Placeholders only this kind fills, name → meaning (tier down: {returnTier}, {growthToReturn}). */
  extraPlaceholders: Record<string, string>;
  updatedAt: string | null;
  /** Occurrences fired and skipped as expired in the last 30 days. */
  last30Days: { fired: number; expired: number };
}

export interface UpdateAutomationRequest {
  enabled?: boolean;
  templateId?: number | null;
  fieldValues?: Record<string, string>;
  page?: string | null;
  couponTemplateId?: number | null;
  pointsAward?: number;
  timing?: AutomationTiming;
}

export interface AutomationOccurrenceView {
  id: number;
  memberId: number;
  cardNo: string;
  nickname: string | null;
  occurrenceKey: string;
  status: 'fired' | 'expired';
  couponCode: string | null;
  points: number;
  createdAt: string;
}
