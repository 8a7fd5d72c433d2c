import { Injectable } from '@nestjs/common';
import type { StaffPrincipal } from '../common/auth/principal';
import { drawJoinPoster, JOIN_PAGE, JoinPosterText, PROGRAMME_NAME } from '../wechat/join-poster';
import { WechatGateway } from '../wechat/wechat-gateway';
import { Store } from './entities/store.entity';
import { StoreScope } from './store-scope';
import { StoresService } from './stores.service';

/** The store's mini-program code, made once through WeChat and kept, and a printable poster around it. */
@Injectable()
export class StorePoster {
  constructor(
    private readonly wechat: WechatGateway,
    private readonly stores: StoresService,
    private readonly scope: StoreScope,
  ) {}

  async qrCodeFor(staff: StaffPrincipal, code: string): Promise<Buffer> {
    return this.qrCode(await this.storeInScope(staff, code));
  }

  async posterFor(staff: StaffPrincipal, code: string): Promise<Buffer> {
    return this.poster(await this.storeInScope(staff, code), PROGRAMME_NAME);
  }

  private async storeInScope(staff: StaffPrincipal, code: string): Promise<Store> {
    const store = await this.stores.requireByCode(code);
    await this.scope.assertCovers(staff, store.id, `Store ${code}`);
    return store;
  }

  /**
   * The stored code is "<appid>/<env_version> <base64 PNG>": a code made by the sandbox or for a trial build
   * would open the wrong app once the real appid or the release build is configured, so it is made again.
   */
  async qrCode(store: Store): Promise<Buffer> {
    const origin = this.wechat.qrCodeOrigin();
    const [storedOrigin, storedPng] = (store.qrPng ?? '').split(' ');
    if (storedOrigin === origin && storedPng) return Buffer.from(storedPng, 'base64');
    const png = await this.wechat.getUnlimitedQrCode({ scene: `s=${store.code}`, page: JOIN_PAGE, width: 430 });
    await this.stores.saveQrPng(store.id, `${origin} ${png.toString('base64')}`);
    return png;
  }

  async poster(store: Store, programmeName: string): Promise<Buffer> {
    return drawJoinPoster(await this.qrCode(store), storePosterText(store, programmeName));
  }
}

/** What the store poster says: fixed copy around the store's name and code (data, which the font may lack). */
export function storePosterText(store: Pick<Store, 'name' | 'code'>, programmeName: string): JoinPosterText {
  return {
    banner: programmeName,
    title: store.name,
    subtitle: '微信扫一扫 · 一键成为会员',
    footer: ['积分 · 签到 · 会员专享券', `门店编号 ${store.code}`],
  };
}
