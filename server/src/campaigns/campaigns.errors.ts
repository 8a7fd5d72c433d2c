import { CampaignStatus, ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const campaignNotFound = (id: number) => new AppError(ErrorCode.NOT_FOUND, `No campaign ${id}`);

/** The campaign is not in a state that allows this (editing one that has started, resuming a cancelled one…). */
export const campaignStateConflict = (id: number, status: CampaignStatus, action: string) => new AppError(ErrorCode.CONFLICT, `Campaign ${id} is ${status}: cannot ${action}`, { status });

/** A field of the campaign that cannot be used as given; the message names the field. */
export const campaignInvalid = (field: string, problem: string) => new AppError(ErrorCode.VALIDATION_FAILED, `${field}: ${problem}`, [{ field, problems: [problem] }]);
