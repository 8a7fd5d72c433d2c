import { MigrationInterface, QueryRunner } from 'typeorm';

/** The weekly cap's counters (claimed atomically) and the index the sweep reads sent events by. */
export class CampaignWeekCountsAndSentEventIndex1796170000001 implements MigrationInterface {
  name = 'CampaignWeekCountsAndSentEventIndex1796170000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "campaign_week_counts" ("week_start" datetime(3) NOT NULL, "member_id" integer NOT NULL, "messages" integer NOT NULL DEFAULT (0), PRIMARY KEY ("week_start", "member_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_subscribe_sent_events_recipient" ON "subscribe_sent_events" ("openid", "wechat_template_id", "received_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_subscribe_sent_events_recipient"`);
    await queryRunner.query(`DROP TABLE "campaign_week_counts"`);
  }
}
