import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  BirthdayCalendar,
  MemberCard,
  MemberCode,
  MemberProfile,
  MemberSummary,
  PRIVACY_NOTICE_VERSION,
  PrivacyNotice,
  UpdateProfileRequest,
  WechatLoginResponse,
} from '@huiyuan/shared-types';
import bwipjs from 'bwip-js';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccountStandings } from '../common/auth/account-standing';
import { AuthTokens } from '../common/auth/auth-tokens';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { StaffRepository } from '../staff/staff.repository';
import { StoreScope } from '../stores/store-scope';
import { TagsRepository } from '../tags/tags.repository';
import { TiersService } from '../tiers/tiers.service';
import { WechatGateway } from '../wechat/wechat-gateway';
import { solarBirthdayInYear } from '../common/time/birthday';
import { Member } from './entities/member.entity';
import { toMemberCard } from './member-card';
import { isMemberCodeCurrent, isValidCardNo, memberCode, splitMemberCode } from './member-identifiers';
import { lookupWithoutKey, memberCodeExpired, memberCodeInvalid } from './members.errors';
import { memberNotFound } from '../common/errors/member-not-found';
import { MemberLifecycle } from './member-lifecycle';
import { MembersRepository } from './members.repository';
import { maskPhone, PhoneVault } from './phone-vault';
import { PRIVACY_NOTICE } from './privacy-notice';
import { MemberStatsService } from '../tags/member-stats.service';
import { invalidField } from '../common/errors/invalid-field';

export interface MemberLookup {
  code?: string;
  cardNo?: string;
  phone?: string;
}

@Injectable()
export class MembersService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tiers: TiersService,
    private readonly tokens: AuthTokens,
    private readonly standings: AccountStandings,
    private readonly wechat: WechatGateway,
    private readonly phones: PhoneVault,
    private readonly scope: StoreScope,
    private readonly lifecycle: MemberLifecycle,
    private readonly repository: MembersRepository,
    private readonly staff: StaffRepository,
    private readonly tags: TagsRepository,
    private readonly memberStats: MemberStatsService,
  ) {}

  onModuleInit(): void {
    this.standings.provideMembers(async (id) => {
      const member = await this.tx.read((m) => this.repository.findBy({ id }, m));
      return member && { active: member.status === 'active', openid: member.openid };
    });
  }

  /** wx.login's code → a token; the member card too when this WeChat user has joined. */
  async loginWithWechat(code: string): Promise<WechatLoginResponse> {
    const session = await this.wechat.code2Session(code);
    const member = await this.tx.read((m) => this.repository.findBy({ openid: session.openid }, m));
    const { token } = this.tokens.issueMember(session.openid, member?.id ?? null, session.unionid);
    return { token, member: member ? await toMemberCard(member, this.tiers) : null };
  }

  async card(memberId: number): Promise<MemberCard> {
    return toMemberCard(await this.require(memberId), this.tiers);
  }

  async code(memberId: number): Promise<MemberCode> {
    const member = await this.require(memberId);
    const now = this.clock.now();
    const { code, expiresAt } = memberCode(member.cardNo, member.codeSecret, now);
    const [qr, barcode] = await Promise.all([
      bwipjs.toBuffer({ bcid: 'qrcode', text: code, scale: 5, paddingwidth: 2, paddingheight: 2 }),
      bwipjs.toBuffer({ bcid: 'code128', text: code, scale: 2, height: 14, includetext: false }),
    ]);
    return { code, expiresAt: expiresAt.toISOString(), validForMs: expiresAt.getTime() - now.getTime(), qrPng: `data:image/png;base64,${qr.toString('base64')}`, barcodePng: `data:image/png;base64,${barcode.toString('base64')}` };
  }

  /** Finds a member for staff; a scanned code must be from the current or previous window. */
  async resolve(lookup: MemberLookup, manager?: EntityManager): Promise<Member> {
    const find = (where: Partial<Member>) => (manager ? this.repository.findBy(where, manager) : this.tx.read((m) => this.repository.findBy(where, m)));
    if (lookup.code) {
      const parts = splitMemberCode(lookup.code.trim());
      if (!parts || !isValidCardNo(parts.cardNo)) throw memberCodeInvalid();
      const member = await find({ cardNo: parts.cardNo, status: 'active' });
      if (!member) throw memberNotFound('that member code');
      if (!isMemberCodeCurrent(member.codeSecret, parts.otp, this.clock.now())) throw memberCodeExpired();
      return member;
    }
    if (lookup.cardNo) {
      const cardNo = lookup.cardNo.replace(/\s/g, '');
      if (!isValidCardNo(cardNo)) throw invalidField('cardNo', 'not a valid card number (12 digits starting with 8; check the last digit)');
      const member = await find({ cardNo, status: 'active' });
      if (!member) throw memberNotFound(`card number ${cardNo}`);
      return member;
    }
    if (lookup.phone) {
      const member = await find({ phoneHash: this.phones.hash(lookup.phone), status: 'active' });
      if (!member) throw memberNotFound('that phone number');
      return member;
    }
    throw lookupWithoutKey();
  }

  /** Any clerk may find any member: members are the brand's, and shop at every store. */
  async lookup(lookup: MemberLookup): Promise<MemberSummary> {
    return this.summary(await this.resolve(lookup));
  }

  async summary(member: Member): Promise<MemberSummary> {
    const tier = await this.tiers.byId(member.tierId);
    const stores = await this.scope.stores();
    const joinStore = member.joinStoreId ? stores.get(member.joinStoreId) : undefined;
    const clerk = member.maintainingClerkId ? await this.tx.read((m) => this.staff.find(member.maintainingClerkId as number, m)) : null;
    return {
      id: member.id,
      cardNo: member.cardNo,
      nickname: member.nickname,
      phoneMasked: maskPhone(member.phoneLast4),
      tier: { code: tier.code, name: tier.name, rank: tier.rank, discountPercent: tier.discountPercent },
      points: member.pointsBalance,
      growth: member.growth,
      lastVisitAt: member.lastVisitAt?.toISOString() ?? null,
      tags: (await this.tx.read((m) => this.tags.tagsOfMember(m, member.id))).map((t) => t.name),
      joinStore: joinStore ? { code: joinStore.code, name: joinStore.name } : null,
      maintainingClerk: clerk ? { id: clerk.id, displayName: clerk.displayName } : null,
    };
  }

  async profile(memberId: number): Promise<MemberProfile> {
    return this.toProfile(await this.require(memberId));
  }

  async updateProfile(memberId: number, request: UpdateProfileRequest): Promise<MemberProfile> {
    const changes: Partial<Member> = {};
    if (request.nickname !== undefined) changes.nickname = request.nickname.trim() || null;
    if (request.gender !== undefined) changes.gender = request.gender;
    if (request.region !== undefined) changes.region = request.region;
    if (request.occupation !== undefined) changes.occupation = request.occupation;
    if (request.birthday !== undefined) {
      const b = request.birthday;
      changes.birthdayCalendar = b?.calendar ?? null;
      changes.birthMonth = b?.month ?? null;
      changes.birthDay = b?.day ?? null;
      changes.birthYear = b?.year ?? null;
      changes.birthdaySolarMmdd = b ? this.validBirthday(b.calendar, b.month, b.day) : null;
    }
    // Only an active row is written: a deleted account's anonymised row takes no personal data.
    if (Object.keys(changes).length > 0) {
      await this.tx.run(async (m) => {
        await this.repository.update(m, memberId, changes, { activeOnly: true });
        // The next birthday (member_stats) is what birthday automations and care tasks look up.
        if (request.birthday !== undefined) await this.memberStats.refresh(m, memberId);
      });
    }
    return this.profile(memberId);
  }

  /** getPhoneNumber's code → the number, kept encrypted. */
  async bindPhone(memberId: number, code: string): Promise<MemberProfile> {
    const { purePhoneNumber } = await this.wechat.getPhoneNumber(code);
    const sealed = this.phones.seal(purePhoneNumber);
    await this.tx.run((m) => this.repository.update(m, memberId, { phoneCipher: sealed.cipher, phoneHash: sealed.hash, phoneLast4: sealed.last4 }, { activeOnly: true }));
    return this.profile(memberId);
  }

  privacyNotice(): PrivacyNotice {
    return { version: PRIVACY_NOTICE_VERSION, ...PRIVACY_NOTICE };
  }

  /** Everything we hold about the member (PIPL right of access), phone in clear for its owner. */
  async exportData(memberId: number): Promise<Record<string, unknown>> {
    const member = await this.require(memberId);
    return {
      exportedAt: this.clock.now().toISOString(),
      card: await toMemberCard(member, this.tiers),
      profile: { ...this.toProfile(member), phone: member.phoneCipher ? this.phones.open(member.phoneCipher) : null },
      consent: { version: member.consentVersion, at: member.consentedAt.toISOString() },
      ...(await this.lifecycle.exportSections(memberId)),
    };
  }

  /**
   * Erases what identifies the person; the row stays, anonymous, so the ledger, coupons and
   * store reports keep adding up.
   */
  async deleteAccount(memberId: number): Promise<void> {
    const member = await this.require(memberId);
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const erased = await this.repository.update(m, memberId, {
        openid: null,
        unionid: null,
        nickname: null,
        gender: 'unknown',
        birthdayCalendar: null,
        birthYear: null,
        birthMonth: null,
        birthDay: null,
        birthdaySolarMmdd: null,
        phoneCipher: null,
        phoneHash: null,
        phoneLast4: null,
        region: null,
        occupation: null,
        maintainingClerkId: null,
        codeSecret: randomBytes(24).toString('base64url'),
        status: 'deleted',
        deletedAt: now,
      }, { activeOnly: true });
      if (erased === 1) {
        await this.repository.rememberFormerIdentities(m, memberId, this.phones.identityHashes(member.openid, member.unionid), now);
        await this.memberStats.memberLeft(m, memberId);
      }
    });
    this.standings.forgetMember(memberId);
  }

  async require(memberId: number): Promise<Member> {
    const member = await this.tx.read((m) => this.repository.active(memberId, m));
    if (!member) throw memberNotFound(memberId);
    return member;
  }

  private validBirthday(calendar: BirthdayCalendar, month: number, day: number): string {
    const maxDay = calendar === BirthdayCalendar.LUNAR ? 30 : new Date(Date.UTC(2024, month, 0)).getUTCDate();
    if (day > maxDay) throw invalidField('birthday.day', `month ${month} has at most ${maxDay} days`);
    return solarBirthdayInYear(calendar, month, day, new Date(this.clock.now()).getUTCFullYear());
  }

  private toProfile(member: Member): MemberProfile {
    return {
      nickname: member.nickname,
      gender: member.gender,
      birthday:
        member.birthdayCalendar && member.birthMonth && member.birthDay
          ? { calendar: member.birthdayCalendar, month: member.birthMonth, day: member.birthDay, year: member.birthYear }
          : null,
      phoneMasked: maskPhone(member.phoneLast4),
      region: member.region,
      occupation: member.occupation,
    };
  }
}
