import { Injectable } from '@nestjs/common';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { StaffPrincipal } from '../common/auth/principal';
import { WechatGateway } from '../wechat/wechat-gateway';
import { Store } from './entities/store.entity';
import { StoreScope } from './store-scope';
import { StoresService } from './stores.service';

/** The join page the store's code opens, with the store in the scene. */
export const JOIN_PAGE = 'packages/join/index';

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
    return this.poster(await this.storeInScope(staff, code), '会员中心');
  }

  private async storeInScope(staff: StaffPrincipal, code: string): Promise<Store> {
    const store = await this.stores.requireByCode(code);
    await this.scope.assertCovers(staff, store.id, `Store ${code}`);
    return store;
  }

  async qrCode(store: Store): Promise<Buffer> {
    if (store.qrPng) return Buffer.from(store.qrPng, 'base64');
    const png = await this.wechat.getUnlimitedQrCode({ scene: `s=${store.code}`, page: JOIN_PAGE, width: 430 });
    await this.stores.saveQrPng(store.id, png);
    return png;
  }

  /** A5-ish portrait at 150 dpi: store name, the code, and what scanning does. */
  async poster(store: Store, programmeName: string): Promise<Buffer> {
    const qr = await loadImage(await this.qrCode(store));
    const width = 874;
    const height = 1240;
    const canvas = createCanvas(width, height);
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff8ef';
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#b4232a';
    g.fillRect(0, 0, width, 220);
    g.textAlign = 'center';
    g.fillStyle = '#ffffff';
    g.font = 'bold 64px "Noto Sans CJK SC", "Noto Sans CJK", sans-serif';
    g.fillText(programmeName, width / 2, 130);
    g.fillStyle = '#3a2a1a';
    g.font = 'bold 56px "Noto Sans CJK SC", "Noto Sans CJK", sans-serif';
    g.fillText(store.name, width / 2, 330);
    g.font = '36px "Noto Sans CJK SC", "Noto Sans CJK", sans-serif';
    g.fillText('微信扫一扫 · 一键成为会员', width / 2, 400);
    const size = 560;
    g.drawImage(qr, (width - size) / 2, 460, size, size);
    g.font = '30px "Noto Sans CJK SC", "Noto Sans CJK", sans-serif';
    g.fillStyle = '#7a6a5a';
    g.fillText('积分 · 签到 · 会员专享券', width / 2, 1100);
    g.fillText(`门店编号 ${store.code}`, width / 2, 1150);
    return canvas.toBuffer('image/png');
  }
}
