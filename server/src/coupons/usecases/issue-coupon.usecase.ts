import { Injectable } from '@nestjs/common';
import { Coupon as CouponView, IssueCouponRequest } from '@huiyuan/shared-types';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { MembersService } from '../../members/members.service';
import { StoreScope } from '../../stores/store-scope';
import { CouponIssuer } from '../coupon-issuer';
import { CouponViews } from '../coupon-views';
import { couponTemplateNotFound } from '../coupons.errors';
import { CouponsRepository } from '../coupons.repository';

/** Staff give one member a coupon (a goodwill gesture, a make-good), with a reason on the record. */
@Injectable()
export class IssueCouponUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly members: MembersService,
    private readonly issuer: CouponIssuer,
    private readonly views: CouponViews,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
    private readonly repository: CouponsRepository,
  ) {}

  async execute(staff: StaffPrincipal, request: IssueCouponRequest, requestId: string): Promise<CouponView> {
    const member = await this.members.resolve({ cardNo: request.memberCardNo });
    const { coupon, template } = await this.tx.run(async (m) => {
      const template = await this.repository.template(request.templateId, m);
      if (!template) throw couponTemplateNotFound(request.templateId);
      if (template.ownerStoreId !== null) await this.scope.assertCovers(staff, template.ownerStoreId, `Coupon template "${template.title}" (a store's own)`);
      const issued = await this.issuer.issue(m, { templateId: template.id, memberId: member.id, source: 'staff', sourceId: String(staff.staffId), storeId: staff.storeId });
      await this.audit.record(m, { staff, requestId }, {
        action: 'coupon.issue',
        targetType: 'member',
        targetId: member.id,
        summary: `向会员 ${member.cardNo} 发放 ${template.title}：${request.reason}`.slice(0, 255),
        after: { couponId: issued.id, templateId: template.id, reason: request.reason },
      });
      const coupon = await this.repository.coupon(issued.id, m);
      if (!coupon) throw new Error(`coupon ${issued.id} vanished in its own transaction`);
      return { coupon, template };
    });
    return this.views.coupon(coupon, template);
  }
}
