import { MessageTemplateField, MINIAPP_PAGES, SUBSCRIBE_FIELD_TYPES } from '@huiyuan/shared-types';
import { fieldTypeOfKey } from '../wechat/subscribe-message-fields';

/** WeChat's templates carry at most a handful of keywords; more than this is a typing mistake. */
export const MAX_TEMPLATE_FIELDS = 10;

/**
 * What is wrong with a template's fields, or null. WeChat's key names its type (thing1 is a thing),
 * so a key whose type disagrees would fail every send with 47003.
 */
export function templateFieldsProblem(fields: readonly MessageTemplateField[]): string | null {
  if (fields.length === 0) return 'fields: a template has at least one field';
  if (fields.length > MAX_TEMPLATE_FIELDS) return `fields: at most ${MAX_TEMPLATE_FIELDS}`;
  const seen = new Set<string>();
  for (const [i, field] of fields.entries()) {
    if (!/^[a-z_]+\d{1,2}$/.test(field.key)) return `fields[${i}].key: ${JSON.stringify(field.key)} is not a WeChat key such as thing1`;
    if (seen.has(field.key)) return `fields[${i}].key: ${field.key} appears twice`;
    seen.add(field.key);
    if (!(SUBSCRIBE_FIELD_TYPES as readonly string[]).includes(field.type)) return `fields[${i}].type: unknown type ${JSON.stringify(field.type)}`;
    const keyType = fieldTypeOfKey(field.key);
    if (keyType && keyType !== field.type) return `fields[${i}].type: ${field.key} is a ${keyType} field in WeChat, not ${field.type}`;
    if (!keyType) return `fields[${i}].key: ${field.key} does not start with a field type (thing, number, time…)`;
  }
  return null;
}

/** A landing page must be a page of the released app (or WeChat answers 41030); it may carry a query. */
export function templatePageProblem(page: string): string | null {
  const path = page.replace(/^\//, '').split('?')[0] ?? '';
  return (MINIAPP_PAGES as readonly string[]).includes(path) ? null : `page: ${path} is not a page of the mini-program (${MINIAPP_PAGES.join(', ')})`;
}

/** The keyword lines of a WeChat template's content ("变动原因:{{thing1.DATA}}") as fields. */
export function fieldsFromTemplateContent(content: string): MessageTemplateField[] {
  const fields: MessageTemplateField[] = [];
  for (const line of content.split('\n')) {
    const match = /^\s*(.*?)\s*[:：]?\s*\{\{\s*([a-z_]+\d+)\.DATA\s*\}\}\s*$/.exec(line);
    if (!match) continue;
    const type = fieldTypeOfKey(match[2]!);
    if (type) fields.push({ key: match[2]!, type, label: match[1]! || match[2]! });
  }
  return fields;
}

/** The accept and the popup event that confirms it arrive minutes apart at most; older halves are not paired. */
export const ACCEPT_PAIRING_WINDOW_MS = 10 * 60_000;
