import { MessageTemplateCode, TemplatePurpose } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A subscribe-message template HQ registered for one WeChat app: ids are per app, so the app id is the environment. */
@Entity('message_templates')
@Index('uq_message_templates_wechat_id', ['appId', 'wechatTemplateId'], { unique: true })
@Index('uq_message_templates_code', ['appId', 'code'], { unique: true })
export class MessageTemplate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'app_id', type: 'varchar', length: 32 })
  appId: string;

  @Column({ name: 'wechat_template_id', type: 'varchar', length: 64 })
  wechatTemplateId: string;

  /** The stable name code refers to (checkin_reminder…); null for campaign-only templates. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  code: MessageTemplateCode | null;

  @Column({ type: 'varchar', length: 32 })
  title: string;

  /** [{ key, type, label }] in display order. */
  @Column({ name: 'fields_json', type: 'text' })
  fieldsJson: string;

  @Column({ type: 'varchar', length: 8 })
  purpose: TemplatePurpose;

  @Column({ type: 'varchar', length: 128, nullable: true })
  page: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
