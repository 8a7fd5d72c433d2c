import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { memberNotFound } from '../members/members.errors';
import { drawJoinPoster, JOIN_PAGE } from '../wechat/join-poster';
import { WechatGateway } from '../wechat/wechat-gateway';

/** The member's invitation poster: a mini-program code whose scene carries their referral code. */
@Injectable()
export class ReferralPoster {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wechat: WechatGateway,
  ) {}

  async posterFor(memberId: number): Promise<Buffer> {
    const rows = await this.dataSource.query<Array<{ referral_code: string; nickname: string | null }>>("SELECT referral_code, nickname FROM members WHERE id = ? AND status = 'active'", [memberId]);
    const member = rows[0];
    if (!member) throw memberNotFound(memberId);
    const code = await this.wechat.getUnlimitedQrCode({ scene: `r=${member.referral_code}`, page: JOIN_PAGE, width: 430 });
    return drawJoinPoster(code, {
      banner: '会员中心',
      title: member.nickname ? `${member.nickname} 邀请你加入` : '好友邀请你加入',
      subtitle: '微信扫一扫 · 一键成为会员',
      footer: ['加入即得积分', `邀请码 ${member.referral_code}`],
    });
  }
}
