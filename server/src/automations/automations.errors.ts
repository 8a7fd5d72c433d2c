import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';
import { invalidField } from '../common/errors/invalid-field';

export const automationNotFound = (id: number) => new AppError(ErrorCode.AUTOMATION_NOT_FOUND, `No automation ${id}`);
/** Each award would change points again, and fire the automation again. */
export const pointsChangedAwardsPoints = () => invalidField('pointsAward', 'a points-changed message cannot award points (each award would change points again)');
export const messageTemplateNotActive = (id: number) => invalidField('templateId', `no active message template ${id} (消息模板)`);
export const couponTemplateNotActive = (id: number) => invalidField('couponTemplateId', `no active coupon template ${id}`);
/** Automations issue from HQ: a coupon valid only at the issuing store would have no store to be valid at. */
export const couponValidOnlyAtIssuingStore = (title: string) =>
  invalidField('couponTemplateId', `${title} is valid only at the store that issues it; choose one valid at all or listed stores`);
export const automationTakesNoDays = (name: string) => invalidField('timing.days', `${name} answers its event at once and takes no days`);
export const tooManyFieldValues = (max: number) => invalidField('fieldValues', `at most ${max} fields`);
export const notATemplateFieldKey = (key: string) => invalidField(`fieldValues.${key}`, 'not a template field key (thing1, number2, date3…)');
export const fieldValueTooLong = (key: string, max: number) => invalidField(`fieldValues.${key}`, `must be text of at most ${max} characters`);
export const unknownPlaceholder = (key: string, names: string[]) => invalidField(`fieldValues.${key}`, `unknown placeholder ${names.map((n) => `{${n}}`).join(', ')}`);
/** Sent to members who subscribed to it: WeChat forbids rewarding a subscription. */
export const announcementGivesNothing = (name: string, field: 'couponTemplateId' | 'pointsAward') => invalidField(field, `${name} goes to members who subscribed to it and gives nothing (WeChat forbids rewarding a subscription)`);
export const automationTakesNoTime = (name: string) => invalidField('timing.time', `${name} takes no time of day`);
/** A member day recurs weekly: more days ahead would announce the one before. */
export const automationTooManyDays = (name: string, max: number) => invalidField('timing.days', `${name} takes at most ${max} days`);
