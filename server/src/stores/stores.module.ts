import { Global, Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { StoreScope } from './store-scope';
import { StorePoster } from './store-poster';
import { StoreDirectoryController, StoresController } from './stores.controller';
import { StoresService } from './stores.service';

@Global()
@Module({
  imports: [WechatModule], controllers: [StoresController, StoreDirectoryController], providers: [StoresService, StoreScope, StorePoster], exports: [StoresService, StoreScope] })
export class StoresModule {}
