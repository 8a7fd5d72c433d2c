import { fieldValueProblem, shapeFieldValue, SubscribeFieldType } from '../wechat/subscribe-message-fields';

/** The placeholders a field value may carry, each filled per member. */
export const PLACEHOLDERS = {
  nickname: '会员昵称（未填写时为「会员」）',
  cardNo: '会员卡号',
  points: '当前积分',
  tier: '会员等级名称',
  store: '入会门店名称',
  coupon: '随消息发放的优惠券名称',
  expiry: '优惠券到期日期（YYYY年M月D日）',
  date: '发送当天日期（YYYY年M月D日）',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

/** What a member's message is filled from; a missing entry renders as nothing, which the type rule then judges. */
export type RenderContext = Partial<Record<Placeholder, string>>;

export interface TemplateField {
  key: string;
  type: SubscribeFieldType;
}

export type RenderResult =
  | { ok: true; data: Record<string, { value: string }> }
  | { ok: false; field: string; problem: string };

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Placeholders a value names that are not in the list: refused when a campaign is saved. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !(name in PLACEHOLDERS));
}

/** The placeholders a text names, known or not. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

// Emoji and pictographs are not in WeChat's character sets for template fields; variation selectors and joiners go with them.
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]/gu;
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

/** One value filled for one member: placeholders replaced, emoji and line breaks taken out. */
export function fillPlaceholders(text: string, context: RenderContext): string {
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => (name in PLACEHOLDERS ? (context[name as Placeholder] ?? '') : whole));
  return filled.replace(EMOJI, '').replace(CONTROL, ' ');
}

/**
 * The message one member receives: every template field filled and shaped to its type. A value
 * that shaping cannot make valid makes the whole message unsendable (a `skipped_render` delivery),
 * never a 47003 at WeChat.
 */
export function renderMessage(fields: readonly TemplateField[], values: Record<string, string>, context: RenderContext): RenderResult {
  const data: Record<string, { value: string }> = {};
  for (const field of fields) {
    const raw = values[field.key];
    if (raw === undefined) return { ok: false, field: field.key, problem: 'has no value' };
    const value = shapeFieldValue(field.type, fillPlaceholders(raw, context));
    const problem = fieldValueProblem(field.type, value);
    if (problem) return { ok: false, field: field.key, problem: `${field.type} ${JSON.stringify(value)} ${problem}` };
    data[field.key] = { value };
  }
  return { ok: true, data };
}

/** A business date as the messages show it: 2026年12月1日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The landing page with the campaign's id in its query, so the mini-program can report the open. */
export function landingPage(page: string, campaignId: number): string {
  return `${page}${page.includes('?') ? '&' : '?'}campaignId=${campaignId}`;
}
