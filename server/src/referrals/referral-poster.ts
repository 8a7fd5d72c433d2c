import { Injectable } from '@nestjs/common';
import { memberNotFound } from '../common/errors/member-not-found';
import { MembersRepository } from '../members/members.repository';
import { drawJoinPoster, JOIN_PAGE, JoinPosterText, PROGRAMME_NAME } from '../wechat/join-poster';
import { WechatGateway } from '../wechat/wechat-gateway';

/** The member's invitation poster: a mini-program code whose scene carries their referral code. */
@Injectable()
export class ReferralPoster {
  constructor(
    private readonly members: MembersRepository,
    private readonly wechat: WechatGateway,
  ) {}

  async posterFor(memberId: number): Promise<Buffer> {
    const member = await this.members.inviter(memberId);
    if (!member) throw memberNotFound(memberId);
    const code = await this.wechat.getUnlimitedQrCode({ scene: `r=${member.referralCode}`, page: JOIN_PAGE, width: 430 });
    const nickname = await this.printableNickname(member.nickname, member.openid);
    return drawJoinPoster(code, invitationPosterText(nickname, member.referralCode));
  }

  /**
   * A nickname is printed on a poster others will see only when WeChat's content check passes it
   * (a platform rule for user text shown to others). Anything else, an unreachable WeChat or an openid
   * not seen in 2 hours (61010) included, prints the poster without it rather than failing.
   */
  private async printableNickname(nickname: string | null, openid: string | null): Promise<string | null> {
    if (!nickname || !openid) return null;
    try {
      const { suggest } = await this.wechat.checkText({ openid, content: nickname, scene: 1 });
      return suggest === 'pass' ? nickname : null;
    } catch {
      return null;
    }
  }
}

/** What the invitation poster says: fixed copy around the nickname (data, which the font may lack) and the code. */
export function invitationPosterText(nickname: string | null, referralCode: string): JoinPosterText {
  return {
    banner: PROGRAMME_NAME,
    title: nickname ? `${nickname} 邀请您加入` : '好友邀请您加入',
    subtitle: '微信扫一扫 · 一键成为会员',
    footer: ['加入即得积分', `邀请码 ${referralCode}`],
  };
}
