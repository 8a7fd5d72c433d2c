import { SUBSCRIBE_FIELD_TYPES, SubscribeFieldType } from '@huiyuan/shared-types';
import { WechatBadFieldError } from './wechat.errors';

/**
 * Subscribe-message field types and WeChat's value rule for each. A value that breaks its rule
 * fails the whole send with 47003, so values are shaped here first.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
// The list lives in shared-types: the console's template editor offers the same types.
export { SUBSCRIBE_FIELD_TYPES };
export type { SubscribeFieldType };

export type SubscribeMessageData = Record<string, { value: string }>;

const HAN = /\p{Script=Han}/u;
const CLOCK = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`;
const MONTH = '(?:0?[1-9]|1[0-2])';
const MDAY = '(?:0?[1-9]|[12]\\d|3[01])';
const DAY = `\\d{4}(?:年${MONTH}月${MDAY}日|-${MONTH}-${MDAY}|/${MONTH}/${MDAY})`;
const rangeOf = (point: string) => new RegExp(`^${point}(?:\\s*~\\s*${point})?$`);
// `time` is a 24-hour time that may carry a date; `date` is a date that may carry a time; both allow a "~" range.
const TIME_VALUE = rangeOf(`(?:${DAY}\\s)?${CLOCK}`);
const DATE_VALUE = rangeOf(`${DAY}(?:\\s${CLOCK})?`);

const length = (value: string): number => Array.from(value).length;

/** WeChat's rule for one type: null when the value is acceptable, otherwise what is wrong with it. */
export function fieldValueProblem(type: SubscribeFieldType, value: string): string | null {
  if (value.length === 0) return 'is empty';
  switch (type) {
    case 'thing':
      if (length(value) > 20) return 'is longer than 20 characters';
      return /[\p{Cc}\n\r]/u.test(value) ? 'contains a line break or control character' : null;
    case 'number':
      return /^\d+(?:\.\d+)?$/.test(value) && value.length <= 32 ? null : 'is not a number of at most 32 digits';
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value) ? null : 'is not at most 32 letters';
    case 'symbol':
      return /^[^\p{L}\p{N}\s]{1,5}$/u.test(value) ? null : 'is not at most 5 symbols';
    case 'character_string':
      return /^[\x21-\x7e]{1,32}$/.test(value) ? null : 'is not at most 32 letters, digits or symbols (no Chinese, no spaces)';
    case 'time':
      return TIME_VALUE.test(value) ? null : 'is not a 24-hour time such as 15:01 or 2019年10月1日 15:01';
    case 'date':
      return DATE_VALUE.test(value) ? null : 'is not a date such as 2019年10月1日 or 2019-10-01';
    case 'amount': {
      const match = /^[¥￥$€£]?(\d+)(?:\.(\d{1,2}))?元?$/.exec(value);
      const digits = match ? (match[1] ?? '').length + (match[2] ?? '').length : Infinity;
      return digits <= 10 ? null : 'is not an amount such as ¥12.50 or 12.50元 with at most 10 digits';
    }
    case 'phone_number':
      return /^\+?\d[\d-]{0,16}$/.test(value) ? null : 'is not a phone number of at most 17 digits and dashes';
    case 'car_number':
      return length(value) <= 8 && /^[\p{Script=Han}A-Z0-9][A-Z0-9]*[\p{Script=Han}A-Z0-9]?$/u.test(value)
        ? null
        : 'is not a plate number of at most 8 characters (Chinese only first and last)';
    case 'name':
      if (/^[\p{Script=Han}·]+$/u.test(value)) return length(value) <= 10 ? null : 'is longer than 10 Chinese characters';
      if (/^[A-Za-z .'·-]+$/.test(value)) return value.length <= 20 ? null : 'is longer than 20 letters';
      return 'mixes Chinese with other characters (a name is all Chinese or all letters)';
    case 'phrase':
      return /^\p{Script=Han}{1,5}$/u.test(value) ? null : 'is not at most 5 Chinese characters';
  }
}

/** The type WeChat gives a template key: "thing1" → thing, "character_string5" → character_string. */
export function fieldTypeOfKey(key: string): SubscribeFieldType | null {
  const prefix = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  return SUBSCRIBE_FIELD_TYPES.find((type) => type === prefix) ?? null;
}

/**
 * Normalises a value towards its type's rule. Only free text is ever cut: a `thing` longer than 20
 * keeps 19 characters and ends in "…", a `name` keeps its first 10 Chinese characters or 20 letters.
 * Identifiers, numbers, amounts and dates are never cut, since a cut one would say something false.
 */
export function shapeFieldValue(type: SubscribeFieldType, raw: string): string {
  const value = raw.replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'thing':
      return length(value) > 20 ? `${Array.from(value).slice(0, 19).join('')}…` : value;
    case 'name':
      if (/^[\p{Script=Han}·]+$/u.test(value)) return Array.from(value).slice(0, 10).join('');
      // A mixed name is left as it is, so the rule rejects it rather than a cut hiding the problem.
      return HAN.test(value) ? value : value.slice(0, 20).trim();
    case 'number':
    case 'amount':
      return value.replace(/[,\s]/g, '');
    case 'phone_number':
      return value.replace(/[\s()]/g, '');
    case 'car_number':
      return value.replace(/[\s·.-]/g, '').toUpperCase();
    default:
      return value;
  }
}

/**
 * The data object to send: every value shaped by its key's type (or the type given in fieldTypes,
 * for keys that do not carry it). Throws WechatBadFieldError, before anything is sent, for a value
 * that shaping cannot make valid.
 */
export function shapeSubscribeData(
  data: Record<string, { value: string } | string>,
  fieldTypes: Record<string, SubscribeFieldType> = {},
): SubscribeMessageData {
  const shaped: SubscribeMessageData = {};
  for (const [key, entry] of Object.entries(data)) {
    const type = fieldTypes[key] ?? fieldTypeOfKey(key);
    const reject = (problem: string) =>
      new WechatBadFieldError('sendSubscribeMessage', 47003, `data.${key}.value invalid: ${problem} (not sent)`, key);
    if (!type) throw reject('its type is unknown; name the key after its type (thing1) or pass fieldTypes');
    const value = shapeFieldValue(type, typeof entry === 'string' ? entry : entry.value);
    const problem = fieldValueProblem(type, value);
    if (problem) throw reject(`${type} ${JSON.stringify(value)} ${problem}`);
    shaped[key] = { value };
  }
  return shaped;
}
