import { MigrationInterface, QueryRunner } from 'typeorm';

/** Joining needs a base tier; HQ renames it or adds higher tiers as data. */
export class BaseTier1795516983000 implements MigrationInterface {
  name = 'BaseTier1795516983000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'INSERT INTO tiers (code, name, `rank`, entry_growth, retain_growth, discount_percent, points_multiplier_pct, birthday_bonus_points, perks_json, card_color) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ['BASE', '普通会员', 1, 0, 0, 100, 100, 0, '["积分兑换礼品","生日祝福"]', '#8c8c8c'],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM tiers WHERE code = 'BASE'");
  }
}
