import { MigrationInterface, QueryRunner } from 'typeorm';

/** Widens the dataset name for 'campaign_deliveries'; MODIFY keeps existing jobs (the generator dropped and re-added the column). */
export class WiderTransferDataset1796173216396 implements MigrationInterface {
  name = 'WiderTransferDataset1796173216396';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`transfer_jobs\` MODIFY \`dataset\` varchar(32) NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`transfer_jobs\` MODIFY \`dataset\` varchar(16) NOT NULL`);
  }
}
