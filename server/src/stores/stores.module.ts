import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WechatModule } from '../wechat/wechat.module';
import { StorePoster } from './store-poster';
import { StoreScope } from './store-scope';
import { StoreDirectoryController, StoresController } from './stores.controller';
import { StoresRepository } from './stores.repository';
import { StoresService } from './stores.service';

@Module({
  imports: [AuditModule, WechatModule], controllers: [StoresController, StoreDirectoryController], providers: [StoresRepository, StoresService, StoreScope, StorePoster], exports: [StoresService, StoreScope] })
export class StoresModule {}
