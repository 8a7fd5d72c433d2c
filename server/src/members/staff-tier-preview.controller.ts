import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { StaffRole, TierPreview } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { StaffAuth } from '../common/auth/guards';
import { TierThresholdPreview } from './tier-threshold-preview';

export class TierThresholdBody {
  @IsString() code: string;
  @IsInt() @Min(0) entryGrowth: number;
}

export class TierPreviewBody {
  @IsArray() @ValidateNested({ each: true }) @Type(() => TierThresholdBody) thresholds: TierThresholdBody[];
}

/** Beside the tiers editor, but here: it counts members, and tiers do not depend on members. */
@ApiTags('staff: tiers')
@Controller('api/v1/staff/tiers')
export class StaffTierPreviewController {
  constructor(private readonly preview: TierThresholdPreview) {}

  @Post('preview')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  counts(@Body() body: TierPreviewBody): Promise<TierPreview> {
    return this.preview.counts(body.thresholds);
  }
}
