import { ErrorCode, IMPORT_MAX_BYTES } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';
import { invalidField } from '../common/errors/invalid-field';

export const transferNotFound = (id: number) => new AppError(ErrorCode.TRANSFER_NOT_FOUND, `No export or import ${id} of yours (a finished file is deleted after a while)`);
export const transferNotReady = (id: number, status: string) => new AppError(ErrorCode.TRANSFER_NOT_READY, `Job ${id} is ${status}, not done`);
/** The message is shown to HQ as it is (zh-CN): it says what is wrong with their file. */
export const importFileInvalid = (why: string) => new AppError(ErrorCode.IMPORT_FILE_INVALID, why);
export const importFileTooLarge = () => new AppError(ErrorCode.IMPORT_FILE_TOO_LARGE, `file: larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it and import the parts`);
export const importHasRejectedRows = (rejected: number) => new AppError(ErrorCode.IMPORT_HAS_REJECTED_ROWS, `The dry run rejected ${rejected} rows: fix them and upload the file again`, { rejected });
export const auditExportHqOnly = () => new AppError(ErrorCode.FORBIDDEN, 'Only HQ may export the audit log');
export const phoneRevealHqOnly = () => new AppError(ErrorCode.FORBIDDEN, 'revealPhones: only HQ may export full phone numbers');
export const phonesOnlyInMembersExport = () => invalidField('revealPhones', 'only the members export has phone numbers');
export const memberFiltersOnOtherDataset = () => new AppError(ErrorCode.VALIDATION_FAILED, 'segmentId, q and tierCode filter the members export only');
export const campaignFilterOnOtherDataset = () => invalidField('campaignId', 'filters the campaign deliveries export only');
export const segmentExportTakesNoFilters = () => invalidField('segmentId', "a segment export takes the segment's own rules; leave q, tierCode and storeCode out");
export const unknownTierCode = (code: string) => invalidField('tierCode', `no tier ${code}`);
