/** WeChat's subscribe-message field types (the prefix of a template key: thing1 → thing). */
export const SUBSCRIBE_FIELD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type SubscribeFieldType = (typeof SUBSCRIBE_FIELD_TYPES)[number];

/**
 * What a template may be used for. Campaigns may only use `campaign` templates, so a marketing
 * message never consumes an accept a member gave for a service notification.
 */
export const TemplatePurpose = { SERVICE: 'service', CAMPAIGN: 'campaign' } as const;
export type TemplatePurpose = (typeof TemplatePurpose)[keyof typeof TemplatePurpose];

/** The stable codes the code refers to (automations, the mini-program's asking moments). */
export const MESSAGE_TEMPLATE_CODES = [
  'checkin_reminder',
  'coupon_expiry',
  'points_changed',
  'points_expiring',
  'member_activity',
  'birthday',
  'welcome',
  'tier_upgrade',
  'member_care',
] as const;
export type MessageTemplateCode = (typeof MESSAGE_TEMPLATE_CODES)[number];

/**
 * Where the mini-program asks, from a tap, and for which templates (at most 3 per call, WeChat's limit).
 * Nothing is ever given for subscribing: WeChat forbids rewarding it.
 */
export const SUBSCRIBE_MOMENTS = {
  checkin: ['checkin_reminder'],
  redeem: ['coupon_expiry'],
  card: ['points_changed', 'member_activity'],
} as const satisfies Record<string, readonly MessageTemplateCode[]>;
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS;

export const SUBSCRIBE_MAX_TEMPLATES_PER_CALL = 3;

export interface MessageTemplateField {
  /** WeChat's key, e.g. thing1. */
  key: string;
  type: SubscribeFieldType;
  /** What the field says in the message, e.g. 变动原因. */
  label: string;
}

/** A template HQ registered for the WeChat app (environment) the server runs against. */
export interface MessageTemplateView {
  id: number;
  /** The WeChat app id the template belongs to (the sandbox's in development). */
  appId: string;
  wechatTemplateId: string;
  code: MessageTemplateCode | null;
  title: string;
  fields: MessageTemplateField[];
  purpose: TemplatePurpose;
  /** The mini-program page a message opens, e.g. packages/points/index. */
  page: string | null;
  active: boolean;
  /** Members with at least one send left, and the sends left in all. */
  membersWithQuota: number;
  remainingTotal: number;
  createdAt: string;
  updatedAt: string;
}

export interface SaveMessageTemplateRequest {
  wechatTemplateId: string;
  code?: MessageTemplateCode | null;
  title: string;
  fields: MessageTemplateField[];
  purpose: TemplatePurpose;
  page?: string | null;
  active?: boolean;
}

/** A template as the WeChat app's library lists it (the sandbox's development set), to register from. */
export interface WechatLibraryTemplate {
  wechatTemplateId: string;
  title: string;
  fields: MessageTemplateField[];
  registered: boolean;
}

/** Per template, what a member answered in wx.requestSubscribeMessage. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/** wx.requestSubscribeMessage's client errors the server is told of: 20004 the member's main switch is off, 20005 the app is banned. */
export type SubscribeClientErrCode = 20004 | 20005;
export const SUBSCRIBE_CLIENT_ERR_CODES: readonly SubscribeClientErrCode[] = [20004, 20005];

/**
 * The client's report of one wx.requestSubscribeMessage call: the answer per WeChat template id (at
 * most 3), or, when the call failed, its errCode instead. A 20005 pauses every campaign.
 */
export interface SubscribeReportRequest {
  results?: Record<string, SubscribeAnswer>;
  errCode?: SubscribeClientErrCode;
}

/** One template as the member's 消息订阅 page shows it. */
export interface MemberSubscriptionView {
  templateId: number;
  wechatTemplateId: string;
  code: MessageTemplateCode | null;
  title: string;
  purpose: TemplatePurpose;
  /** Messages the member has allowed and not yet received. */
  remaining: number;
  /** Of those, accepts WeChat has not confirmed yet. */
  unconfirmed: number;
  /** `off` once the member turned the template off in WeChat's settings. */
  status: 'active' | 'off';
  lastAcceptedAt: string | null;
}

export interface MemberSubscriptionsView {
  items: MemberSubscriptionView[];
  moments: Record<SubscribeMoment, string[]>;
}

export interface BindStaffWechatRequest {
  /** A wx.login code from the counter tool. */
  code: string;
}

export interface StaffWechatBinding {
  bound: boolean;
  /** The bound openid, shown masked. */
  openidMasked: string | null;
  /**
   * The active campaign templates (at most 3, WeChat's limit for one pop-up): a test send needs the
   * staff member's own accept of the campaign's template, asked from the counter tool.
   */
  testTemplates: Array<{ wechatTemplateId: string; title: string }>;
}

/**
 * The mini-programs' 20005 reports (WeChat banned the app from subscribe messages), as HQ's campaigns
 * page shows them: one member's report could be a modified client or one phone's glitch, so every
 * campaign pauses only once `threshold` different members reported within `windowHours`, counted
 * since HQ last resumed a campaign after such a pause.
 */
export interface AppBanReportsView {
  /** Different members who reported 20005 in the window (since the last resume). */
  members: number;
  /** The earliest of their reports; null with none. */
  since: string | null;
  /** WECHAT_BAN_REPORTS_TO_PAUSE. */
  threshold: number;
  /** WECHAT_BAN_REPORT_WINDOW_HOURS. */
  windowHours: number;
  /** Set once the reports paused every campaign, until HQ resumes one. */
  paused: { at: string; reason: string } | null;
}
