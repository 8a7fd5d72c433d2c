import { CampaignStatus, ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const campaignNotFound = (id: number) => new AppError(ErrorCode.NOT_FOUND, `No campaign ${id}`);

/** The campaign is not in a state that allows this (editing one that has started, resuming a cancelled one…). */
export const campaignStateConflict = (id: number, status: CampaignStatus, action: string) => new AppError(ErrorCode.CONFLICT, `Campaign ${id} is ${status}: cannot ${action}`, { status });

/** A field of the campaign that cannot be used as given; the message names the field. */
export const campaignInvalid = (field: string, problem: string) => new AppError(ErrorCode.VALIDATION_FAILED, `${field}: ${problem}`, [{ field, problems: [problem] }]);

/** What HQ can do about WeChat's answer to a test send, in the console's words (WeChat's errmsg is English). */
const TEST_SEND_REFUSALS: Record<number, string> = {
  43101: '您的微信还没有订阅这个模板（或订阅次数已用完）：请在小程序「工作台 → 我的微信」里点「订阅试发消息」并允许后再试发',
  40003: '绑定的微信身份无效：请在小程序「工作台 → 我的微信」里点「重新绑定」后再试发',
  40037: '微信不认识这个模板 ID：请在「消息模板」页面核对模板 ID',
  41030: '落地页不在小程序已发布的版本中：请改用已发布的页面',
  47003: '有字段内容不符合微信的要求：请检查各字段的内容与占位符',
  45009: '今天的订阅消息已达微信的每日上限，请明天再试',
};

/** WeChat refused a campaign's test send (errcode null: it never answered); the errcode itself is in the server's log. */
export const testSendRefused = (errcode: number | null) => campaignInvalid('staff', (errcode !== null && TEST_SEND_REFUSALS[errcode]) || '微信暂时无法发送试发消息，请稍后再试');
