import { Injectable } from '@nestjs/common';
import type { MessageLane } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { unknownPlaceholders } from './message-rendering';

export interface EnqueueMessage {
  automationId: number;
  /** What makes this message once-only for the member: "birthday:2026", "points-expiring:2026-12-31". */
  occurrenceKey: string;
  memberId: number;
  /** message_templates.id */
  templateId: number;
  /** Template field key → text with placeholders ({nickname}, {points}…), rendered per member when sent. */
  fieldValues: Record<string, string>;
  /** The mini-program page the message opens. */
  page: string | null;
  couponTemplateId?: number | null;
  pointsAward?: number | null;
  lane: MessageLane;
  /** Not sent before this (default: now). */
  notBefore?: Date;
  /** Not worth sending after this: skipped_expired. */
  notAfter?: Date | null;
}

/**
 * The one way anything sends a template message (automations here; campaigns fan out through the
 * same rows). `enqueue` writes the delivery in the caller's transaction, once per (automation,
 * member, occurrence): a repeat changes nothing. The worker then renders, checks quota, quiet hours
 * and expiry, sends, and gives any coupon or points once the message is sent.
 */
@Injectable()
export class MessageDelivery {
  constructor(
    private readonly clock: Clock,
    private readonly deliveries: DeliveriesRepository,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async enqueue(manager: EntityManager, message: EnqueueMessage): Promise<{ deliveryId: number; created: boolean }> {
    const unknown = Object.values(message.fieldValues).flatMap(unknownPlaceholders);
    if (unknown.length) throw new Error(`unknown placeholders in a message: ${unknown.map((p) => `{${p}}`).join(', ')}`);
    if (message.occurrenceKey.length === 0 || message.occurrenceKey.length > 64) throw new Error('occurrenceKey must be 1–64 characters');
    const now = this.clock.now();
    const created = await this.deliveries.insertMany(manager, [
      {
        campaignId: null,
        automationId: message.automationId,
        occurrenceKey: message.occurrenceKey,
        memberId: message.memberId,
        templateId: message.templateId,
        lane: message.lane,
        status: 'queued',
        fieldValuesJson: JSON.stringify(message.fieldValues),
        page: message.page,
        couponTemplateId: message.couponTemplateId ?? null,
        pointsAward: message.pointsAward ?? null,
        notBefore: message.notBefore ?? now,
        notAfter: message.notAfter ?? null,
        createdAt: now,
      },
    ]);
    const deliveryId = await this.deliveries.idOfOccurrence(manager, message.automationId, message.memberId, message.occurrenceKey);
    if (deliveryId === null) throw new Error('the delivery row vanished inside its own transaction');
    // The row becomes visible when the caller commits; the dispatcher looks shortly after, and polls.
    if (created === 1) this.dispatcher.soon();
    return { deliveryId, created: created === 1 };
  }
}
