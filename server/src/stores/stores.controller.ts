import { Body, Controller, Get, Header, Param, Patch, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { StaffRole, Store as StoreView, StoreKind } from '@huiyuan/shared-types';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CurrentStaff, MemberAuth, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { StorePoster } from './store-poster';
import { StoresService } from './stores.service';

export class CreateStoreBody {
  @Matches(/^[A-Z0-9]{2,16}$/, { message: 'code must be 2–16 capital letters or digits' }) code: string;
  @IsString() @Length(1, 64) name: string;
  @IsIn([StoreKind.REGION, StoreKind.STORE]) kind: StoreKind;
  @IsString() @Length(1, 16) parentCode: string;
}

export class UpdateStoreBody {
  @IsOptional() @IsString() @Length(1, 64) name?: string;
  @IsOptional() @IsString() @Length(1, 16) parentCode?: string;
}

@ApiTags('staff: stores')
@Controller('api/v1/staff/stores')
export class StoresController {
  constructor(
    private readonly stores: StoresService,
    private readonly poster: StorePoster,
  ) {}

  @Get()
  @StaffAuth()
  list(@CurrentStaff() staff: StaffPrincipal): Promise<StoreView[]> {
    return this.stores.listVisibleTo(staff);
  }

  @Post()
  @StaffAuth(StaffRole.HQ_ADMIN)
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateStoreBody, @RequestId() requestId: string): Promise<StoreView> {
    return this.stores.create(staff, body, requestId);
  }

  @Patch(':code')
  @StaffAuth(StaffRole.HQ_ADMIN)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('code') code: string, @Body() body: UpdateStoreBody, @RequestId() requestId: string): Promise<StoreView> {
    return this.stores.update(staff, code, body, requestId);
  }

  @Get(':code/qrcode.png')
  @StaffAuth()
  @Header('Content-Type', 'image/png')
  async qrCode(@CurrentStaff() staff: StaffPrincipal, @Param('code') code: string): Promise<StreamableFile> {
    return new StreamableFile(await this.poster.qrCodeFor(staff, code));
  }

  @Get(':code/poster.png')
  @StaffAuth()
  @Header('Content-Type', 'image/png')
  async posterPng(@CurrentStaff() staff: StaffPrincipal, @Param('code') code: string): Promise<StreamableFile> {
    return new StreamableFile(await this.poster.posterFor(staff, code));
  }
}

/** A store's public name, for the join page a store's code opens (the scene carries only the code). */
@ApiTags('stores')
@Controller('api/v1/stores')
export class StoreDirectoryController {
  constructor(private readonly stores: StoresService) {}

  @Get(':code')
  @MemberAuth({ joined: false })
  async byCode(@Param('code') code: string): Promise<{ code: string; name: string }> {
    const store = await this.stores.requireByCode(code);
    return { code: store.code, name: store.name };
  }
}
