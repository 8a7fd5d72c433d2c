import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';
import { invalidField } from '../common/errors/invalid-field';

export const storeNotFound = (code: string) => new AppError(ErrorCode.STORE_NOT_FOUND, `No store with code ${code}`);
export const outsideStoreScope = (what: string) => new AppError(ErrorCode.FORBIDDEN, `${what} is outside your store; ask a manager of that store or HQ`);
export const parentIsAStore = (code: string) => invalidField('parentCode', `${code} is a store; stores hang below HQ or a region`);
export const secondHq = () => invalidField('kind', 'there is one HQ, and it exists');
export const hqHasNoParent = () => invalidField('parentCode', 'HQ is the root and has no parent');
export const parentInsideSubtree = (parent: string, store: string) => invalidField('parentCode', `${parent} is ${store} itself or below it`);
export const storeCodeTaken = (code: string) => new AppError(ErrorCode.CONFLICT, `Store code ${code} is taken`);
