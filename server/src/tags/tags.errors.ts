import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const tagNotFound = (id: number) => new AppError(ErrorCode.TAG_NOT_FOUND, `No tag ${id}`);
export const tagNameTaken = (name: string) => new AppError(ErrorCode.TAG_NAME_TAKEN, `A tag named ${name} already exists here`);
export const ruleTagReadOnly = (name: string) => new AppError(ErrorCode.CONFLICT, `${name} is a rule tag: the system keeps it true, so it cannot be edited or given by hand`);
export const tagOfAnotherOwner = (name: string, ownedByHq: boolean) => new AppError(ErrorCode.FORBIDDEN, `Tag ${name} belongs to ${ownedByHq ? 'HQ' : 'another store'}`);
