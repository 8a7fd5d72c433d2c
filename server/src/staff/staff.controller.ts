import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PasswordChanged, StaffProfile, StaffRole, StaffSession } from '@huiyuan/shared-types';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentStaff, OpenBeforePasswordChange, RequestId, StaffAuth } from '../common/auth/guards';
import { RateLimit } from '../common/rate-limit/rate-limiter';
import type { StaffPrincipal } from '../common/auth/principal';
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

@ApiTags('staff')
@Controller('api/v1/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

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
}
