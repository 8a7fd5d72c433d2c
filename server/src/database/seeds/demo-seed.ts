import { INestApplicationContext } from '@nestjs/common';
import { CouponTemplateRequest, PRIVACY_NOTICE_VERSION, RewardRequest, StaffRole, StoreKind } from '@huiyuan/shared-types';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Clock } from '../../common/time/clock';
import { CouponTemplatesService } from '../../coupons/coupon-templates.service';
import { Member } from '../../members/entities/member.entity';
import { JoinMemberUseCase } from '../../members/usecases/join-member.usecase';
import { Reward } from '../../rewards/entities/reward.entity';
import { RewardsService } from '../../rewards/rewards.service';
import { StaffMember } from '../../staff/entities/staff-member.entity';
import { StaffService } from '../../staff/staff.service';
import { StoresService } from '../../stores/stores.service';
import { TierSettingsService } from '../../tiers/tier-settings.service';

import { DEMO_PASSWORD } from '../../staff/staff-rules';

export interface SeedStep {
  name: string;
  run(app: INestApplicationContext): Promise<void>;
}

const stores: SeedStep = {
  name: 'stores',
  async run(app) {
    const service = app.get(StoresService);
    await app.get(TransactionRunner).run((m) => service.ensureHq(m, '总部'));
    for (const [code, name] of [
      ['S001', '静安旗舰店'],
      ['S002', '徐汇天钥桥店'],
    ] as const) {
      if (!(await service.byCode(code))) await service.create(null, { code, name, kind: StoreKind.STORE, parentCode: 'HQ' });
    }
  },
};

const tiers: SeedStep = {
  name: 'tiers',
  async run(app) {
    const settings = app.get(TierSettingsService);
    const existing = new Set((await settings.list({ limit: 100 })).items.map((t) => t.code));
    const wanted = [
      { code: 'SILVER', name: '银卡会员', rank: 2, entryGrowth: 1000, retainGrowth: 600, benefits: { discountPercent: 98, pointsMultiplier: 1.2, birthdayBonusPoints: 200, perks: ['生日双倍积分', '会员日专享价'] }, cardColor: '#9aa5b1' },
      { code: 'GOLD', name: '金卡会员', rank: 3, entryGrowth: 5000, retainGrowth: 3000, benefits: { discountPercent: 95, pointsMultiplier: 1.5, birthdayBonusPoints: 500, perks: ['生日礼券', '新品优先试用', '专属客服'] }, cardColor: '#c9a14a' },
      { code: 'DIAMOND', name: '钻石会员', rank: 4, entryGrowth: 20000, retainGrowth: 12000, benefits: { discountPercent: 90, pointsMultiplier: 2, birthdayBonusPoints: 1000, perks: ['全年免运费', '专属活动邀请', '一对一顾问'] }, cardColor: '#3b3f58' },
    ];
    for (const tier of wanted) if (!existing.has(tier.code)) await settings.upsert(null, tier);
  },
};

const staff: SeedStep = {
  name: 'staff',
  async run(app) {
    const service = app.get(StaffService);
    const tx = app.get(TransactionRunner);
    for (const s of [
      { username: 'demo-hq', displayName: '总部管理员', role: StaffRole.HQ_ADMIN, storeCode: 'HQ' },
      { username: 'demo-manager', displayName: '王店长', role: StaffRole.STORE_MANAGER, storeCode: 'S001' },
      { username: 'demo-clerk', displayName: '李店员', role: StaffRole.CLERK, storeCode: 'S001' },
      { username: 'demo-clerk2', displayName: '张店员', role: StaffRole.CLERK, storeCode: 'S002' },
    ]) {
      if (!(await tx.read((m) => m.findOneBy(StaffMember, { username: s.username })))) await service.create(null, { ...s, password: DEMO_PASSWORD });
    }
  },
};

const DEMO_MEMBERSHIP_DAYS = 10;

const members: SeedStep = {
  name: 'members',
  async run(app) {
    const join = app.get(JoinMemberUseCase);
    const tx = app.get(TransactionRunner);
    const clock = app.get(Clock);
    for (const [i, scene] of ['s=S001', 's=S001', 's=S002'].entries()) {
      const openid = `demo-openid-${i + 1}`;
      if (await tx.read((m) => m.findOneBy(Member, { openid }))) continue;
      const joined = await join.execute({ kind: 'member', openid, unionid: null, memberId: null }, scene, PRIVACY_NOTICE_VERSION);
      // Members for ten days already, so a day they missed this month can be filled (补签) in the demo.
      const joinedAt = new Date(clock.now().getTime() - DEMO_MEMBERSHIP_DAYS * 86_400_000);
      await tx.run((m) => m.update(Member, { id: joined.value.member.id }, { nickname: ['小林', '阿杰', 'Mia'][i], createdAt: joinedAt, consentedAt: joinedAt }));
    }
  },
};

const rewards: SeedStep = {
  name: 'rewards',
  async run(app) {
    const templates = app.get(CouponTemplatesService);
    const mall = app.get(RewardsService);
    const tx = app.get(TransactionRunner);
    const wanted: Array<{ template: CouponTemplateRequest; reward: Omit<RewardRequest, 'couponTemplateId'> }> = [
      {
        template: { title: '满50减10元券', kind: 'cash', amountCents: 1000, minSpendCents: 5000, validity: { kind: 'relative', days: 30, startsNextDay: false }, storeScope: 'all', usageNotes: '单笔消费满50元可用，不与其他优惠同享' },
        reward: { title: '满50减10元券', description: '全部门店通用，领取后30天内有效', pointsPrice: 200, stock: 500, perMemberLimit: 5, sortOrder: 10 },
      },
      {
        template: { title: '中杯饮品券', kind: 'gift', giftDescription: '任意中杯饮品一杯', validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all', usageNotes: '到店出示券码，由店员核销' },
        reward: { title: '中杯饮品券', description: '新会员的入会积分即可兑换', pointsPrice: 100, stock: 1000, perMemberLimit: 2, sortOrder: 20 },
      },
      {
        template: { title: '静安旗舰店8.5折券', kind: 'discount', ratePercent: 85, capCents: 5000, validity: { kind: 'relative', days: 14, startsNextDay: true }, storeScope: 'listed', storeCodes: ['S001'], usageNotes: '限静安旗舰店，最高优惠50元' },
        reward: { title: '静安旗舰店8.5折券', description: '领取次日起14天内有效', pointsPrice: 300, stock: 200, perMemberLimit: 1, sortOrder: 30 },
      },
      {
        template: { title: '会员专属礼盒', kind: 'gift', giftDescription: '会员专属礼盒一份', validity: { kind: 'relative', days: 30, startsNextDay: false }, storeScope: 'all', minTierRank: 3, usageNotes: '金卡及以上会员专享' },
        reward: { title: '会员专属礼盒', description: '金卡及以上会员可兑换', pointsPrice: 800, stock: 50, perMemberLimit: 1, minTierRank: 3, sortOrder: 40 },
      },
    ];
    for (const { template, reward } of wanted) {
      if (await tx.read((m) => m.findOneBy(Reward, { title: reward.title }))) continue;
      const created = await templates.create(null, template);
      await mall.create(null, { ...reward, couponTemplateId: created.id });
    }
  },
};

/** Demo data, in order; each step checks what exists, so running the seed twice changes nothing. Features append steps. */
export const DEMO_SEED_STEPS: SeedStep[] = [stores, tiers, staff, members, rewards];
