import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CountedPage, PasswordChanged, PasswordReset, StaffAccount, StaffProfile, StaffRole, StaffSession } from '@huiyuan/shared-types';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentStaff, OpenBeforePasswordChange, RequestId, StaffAuth } from '../common/auth/guards';
import { RateLimit } from '../common/rate-limit/rate-limiter';
import type { StaffPrincipal } from '../common/auth/principal';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffService } from './staff.service';

export class StaffLoginBody {
  @IsString() @Length(1, 32) username: string;
  @IsString() @Length(1, 128) password: string;
}

export class ChangePasswordBody {
  @IsString() @Length(1, 128) currentPassword: string;
  @IsString() @Length(1, 128) newPassword: string;
}

export class CreateStaffBody {
  @Matches(/^[a-z0-9][a-z0-9_.-]{2,31}$/, { message: 'username must be 3–32 lower-case letters, digits, _ . -' }) username: string;
  @IsString() @Length(1, 32) displayName: string;
  @IsIn(Object.values(StaffRole)) role: StaffRole;
  @IsString() @Length(1, 16) storeCode: string;
  @IsOptional() @IsString() @Length(1, 128) password?: string;
}

export class StaffAccountQueryDto {
  @IsOptional() @IsString() @Length(0, 32) q?: string;
  @IsOptional() @IsIn(Object.values(StaffRole)) role?: StaffRole;
  @IsOptional() @Matches(/^[A-Z0-9]{2,16}$/, { message: 'storeCode must be a store code like S001' }) storeCode?: string;
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() active?: boolean;
  @IsOptional() @Matches(/^\d{1,9}$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class UpdateStaffBody {
  @IsOptional() @IsString() @Length(1, 32) displayName?: string;
  @IsOptional() @IsIn(Object.values(StaffRole)) role?: StaffRole;
  @IsOptional() @IsString() @Length(1, 16) storeCode?: string;
  @IsOptional() @IsBoolean() active?: boolean;
}

@ApiTags('staff')
@Controller('api/v1/staff')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly accounts: StaffAccountsService,
  ) {}

  @Post('sessions')
  @HttpCode(201)
  @RateLimit('staff-login')
  login(@Body() body: StaffLoginBody, @Req() request: FastifyRequest): Promise<StaffSession> {
    return this.staff.login(body.username, body.password, request.ip);
  }

  @Get('me')
  @StaffAuth()
  @OpenBeforePasswordChange()
  me(@CurrentStaff() staff: StaffPrincipal): Promise<StaffProfile> {
    return this.staff.me(staff);
  }

  @Post('me/password')
  @HttpCode(200)
  @StaffAuth()
  @OpenBeforePasswordChange()
  changePassword(@CurrentStaff() staff: StaffPrincipal, @Body() body: ChangePasswordBody, @RequestId() requestId: string): Promise<PasswordChanged> {
    return this.staff.changePassword(staff, body.currentPassword, body.newPassword, requestId);
  }

  @Get('staff')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  list(@CurrentStaff() staff: StaffPrincipal): Promise<StaffProfile[]> {
    return this.staff.listVisibleTo(staff);
  }

  @Post('staff')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateStaffBody, @RequestId() requestId: string): Promise<{ staff: StaffProfile; oneTimePassword: string | null }> {
    return this.staff.create(staff, body, requestId);
  }

  @Get('staff-accounts')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  accountList(@CurrentStaff() staff: StaffPrincipal, @Query() query: StaffAccountQueryDto): Promise<CountedPage<StaffAccount>> {
    return this.accounts.list(staff, query);
  }

  @Patch('staff/:id')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: UpdateStaffBody, @RequestId() requestId: string): Promise<StaffAccount> {
    return this.accounts.update(staff, id, body, requestId);
  }

  @Post('staff/:id/password-resets')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  resetPassword(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<PasswordReset> {
    return this.accounts.resetPassword(staff, id, requestId);
  }
}
