import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, findRow, insertRow, isSqlite, sqlDate } from '../common/db/sql';
import { MessageTemplate } from './entities/message-template.entity';

/** Every SQL statement of `message_templates`. */
@Injectable()
export class MessageTemplatesRepository {
  async list(m: EntityManager, appId: string): Promise<MessageTemplate[]> {
    return m.createQueryBuilder(MessageTemplate, 't').where('t.appId = :appId', { appId }).orderBy('t.id').getMany();
  }

  async byId(m: EntityManager, id: number): Promise<MessageTemplate | null> {
    return findRow(m, MessageTemplate, { id });
  }

  async byWechatId(m: EntityManager, appId: string, wechatTemplateId: string): Promise<MessageTemplate | null> {
    return findRow(m, MessageTemplate, { appId, wechatTemplateId });
  }

  async byCode(m: EntityManager, appId: string, code: string): Promise<MessageTemplate | null> {
    return findRow(m, MessageTemplate, { appId, code } as Partial<MessageTemplate>);
  }

  async create(m: EntityManager, template: Omit<MessageTemplate, 'id'>): Promise<number> {
    return insertRow(m, MessageTemplate, template);
  }

  /** Registers a template unless its WeChat id already is (the development set at boot). */
  async createIfMissing(m: EntityManager, template: Omit<MessageTemplate, 'id'>): Promise<void> {
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await execute(
      m,
      `${ignore} INTO message_templates (app_id, wechat_template_id, code, title, fields_json, purpose, page, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [template.appId, template.wechatTemplateId, template.code, template.title, template.fieldsJson, template.purpose, template.page, template.active ? 1 : 0, sqlDate(m, template.createdAt), sqlDate(m, template.updatedAt)],
    );
  }

  async update(m: EntityManager, id: number, changes: Pick<MessageTemplate, 'wechatTemplateId' | 'code' | 'title' | 'fieldsJson' | 'purpose' | 'page' | 'active' | 'updatedAt'>): Promise<void> {
    await m.update(MessageTemplate, { id }, changes);
  }
}
