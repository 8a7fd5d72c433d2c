import { MigrationInterface, QueryRunner } from 'typeorm';

/** The check-in reminder fires at a time of day (HH:MM in the business zone). */
export class AutomationTimeOfDay1796170000000 implements MigrationInterface {
  name = 'AutomationTimeOfDay1796170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`automations\` ADD \`timing_time\` varchar(5) NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`automations\` DROP COLUMN \`timing_time\``);
  }
}
