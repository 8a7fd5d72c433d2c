import {
  MESSAGE_TEMPLATE_CODES,
  MessageTemplateCode,
  SUBSCRIBE_FIELD_TYPES,
  SUBSCRIBE_MAX_TEMPLATES_PER_CALL,
  SUBSCRIBE_CLIENT_ERR_CODES,
  SubscribeAnswer,
  SubscribeClientErrCode,
  SubscribeFieldType,
  TemplatePurpose,
} from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';

const ANSWERS: readonly SubscribeAnswer[] = ['accept', 'reject', 'ban', 'filter'];

/** { <template id>: accept | reject | ban | filter }, at most 3 ids as WeChat allows per call. */
function IsSubscribeResults(): PropertyDecorator {
  return ValidateBy({
    name: 'isSubscribeResults',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        const entries = Object.entries(value as Record<string, unknown>);
        return (
          entries.length >= 1 &&
          entries.length <= SUBSCRIBE_MAX_TEMPLATES_PER_CALL &&
          entries.every(([id, answer]) => /^[A-Za-z0-9_-]{1,64}$/.test(id) && ANSWERS.includes(answer as SubscribeAnswer))
        );
      },
      defaultMessage: () => `results must map 1-${SUBSCRIBE_MAX_TEMPLATES_PER_CALL} template ids to ${ANSWERS.join(', ')}`,
    },
  });
}

export class SubscribeReportBody {
  @ValidateIf((o: SubscribeReportBody) => o.errCode === undefined || o.results !== undefined)
  @IsSubscribeResults()
  results?: Record<string, SubscribeAnswer>;

  @IsOptional()
  @IsIn(SUBSCRIBE_CLIENT_ERR_CODES)
  @ValidateBy({
    name: 'isInsteadOfResults',
    validator: { validate: (_value: unknown, args) => (args?.object as SubscribeReportBody).results === undefined, defaultMessage: () => 'errCode is reported instead of results, not with them' },
  })
  errCode?: SubscribeClientErrCode;
}

export class MessageTemplateFieldBody {
  @IsString() @Matches(/^[a-z_]+\d{1,2}$/, { message: 'key must be a WeChat key such as thing1' }) key: string;
  @IsIn(SUBSCRIBE_FIELD_TYPES) type: SubscribeFieldType;
  @IsString() @Length(1, 20) label: string;
}

export class SaveMessageTemplateBody {
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'wechatTemplateId must be the template id from the WeChat admin console' }) wechatTemplateId: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(MESSAGE_TEMPLATE_CODES) code?: MessageTemplateCode | null;
  @IsString() @Length(1, 32) title: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => MessageTemplateFieldBody) fields: MessageTemplateFieldBody[];
  @IsIn(['service', 'campaign']) purpose: TemplatePurpose;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 128) page?: string | null;
  @IsOptional() @IsBoolean() active?: boolean;
}

export class BindStaffWechatBody {
  @IsString() @Length(1, 128) code: string;
}
