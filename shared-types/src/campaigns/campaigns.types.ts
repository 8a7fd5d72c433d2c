/** draft → scheduled → sending ⇄ paused → completed; cancelled from any state before completed. */
export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'completed' | 'cancelled';

/**
 * A message's state: queued → sending (claimed, quota taken) → sent | failed | unknown (WeChat may
 * or may not have it; never sent again), or skipped for a reason, or cancelled with its campaign.
 */
export type DeliveryStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'unknown'
  | 'cancelled'
  | 'skipped_quota'
  | 'skipped_cap'
  | 'skipped_holdout'
  | 'skipped_render'
  | 'skipped_no_openid'
  | 'skipped_expired';

/** service: notifications and automations (points changed, birthday…); campaign: marketing fan-outs, which never hold up the service lane. */
export type MessageLane = 'service' | 'campaign';

export const CAMPAIGN_DEFAULT_QUIET_HOURS = { start: '22:00', end: '08:00' } as const;
export const CAMPAIGN_MAX_HOLDOUT_PERCENT = 50;

export interface SaveCampaignRequest {
  name: string;
  /** A campaign-purpose message template. */
  templateId: number;
  /** Template field key → text, with placeholders such as {nickname}. */
  fieldValues: Record<string, string>;
  /** The mini-program page the message opens (no leading slash); the campaign id is added to it. */
  page: string;
  segmentId: number;
  couponTemplateId?: number | null;
  /** ISO time to send at; null or absent: when launched. */
  sendAt?: string | null;
  quietStart?: string;
  quietEnd?: string;
  weeklyCap?: number | null;
  holdoutPercent?: number;
  attributionDays?: number;
}

export interface CampaignView {
  id: number;
  name: string;
  templateId: number;
  templateTitle: string | null;
  fieldValues: Record<string, string>;
  page: string;
  segmentId: number;
  segmentName: string | null;
  couponTemplateId: number | null;
  sendAt: string | null;
  quietStart: string;
  quietEnd: string;
  weeklyCap: number | null;
  holdoutPercent: number;
  attributionDays: number;
  status: CampaignStatus;
  pauseReason: string | null;
  /** Members in the frozen audience, once sending started. */
  audienceSize: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface PlaceholderInfo {
  name: string;
  label: string;
}

export interface RenderedSample {
  memberId: number;
  cardNo: string;
  nickname: string | null;
  /** The message as it would be sent, or why it could not be. */
  data: Record<string, { value: string }> | null;
  problem: string | null;
}

/** Who the campaign would reach now: the segment and what takes members out of it. */
export interface CampaignAudience {
  segmentSize: number;
  withoutOpenid: number;
  withoutQuota: number;
  /** Would exceed the weekly cap if sent now. */
  capped: number;
  heldOut: number;
  reachable: number;
  samples: RenderedSample[];
}

export interface TestSendResult {
  sent: boolean;
  msgid: string | null;
  data: Record<string, { value: string }>;
}

export interface CampaignResults {
  status: CampaignStatus;
  pauseReason: string | null;
  /** While sending with messages queued inside the quiet hours: when they end (ISO), else null. */
  quietUntil: string | null;
  total: number;
  byStatus: Partial<Record<DeliveryStatus, number>>;
  failedByErrcode: Array<{ errcode: number | null; count: number }>;
  opened: number;
  couponsIssued: number;
  couponsUsed: number;
  attribution: CampaignAttribution | null;
}

/** Purchase rates of recipients and of the holdout over the same window. */
export interface CampaignAttribution {
  days: number;
  recipients: { members: number; buyers: number };
  holdout: { members: number; buyers: number };
  /** Recipients' purchase rate minus the holdout's, in percentage points, with a 95% interval; null without a holdout. */
  lift: { recipientsRate: number; holdoutRate: number; differencePoints: number; low: number; high: number; relative: number | null } | null;
}

export interface CampaignOpenRequest {
  campaignId: number;
}
