import { Injectable } from '@nestjs/common';
import { TagKind } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { execute, findRow, insertRow, isSqlite, latestCommitted, sqlDate } from '../common/db/sql';
import { Tag } from './entities/tag.entity';

export interface TagRow {
  id: number;
  name: string;
  kind: TagKind;
  ruleKey: string | null;
  colour: string;
  description: string | null;
  ownerStoreId: number | null;
  memberCount: number;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Every SQL statement of `tags` and `member_tags`, and of their copy in `members.rule_tags`. */
@Injectable()
export class TagsRepository {
  /** Tags seen from some owners (null = HQ's), with how many members carry each. */
  async list(m: EntityManager, owners: { hq: boolean; storeIds: number[] | 'all' }): Promise<TagRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (owners.storeIds !== 'all') {
      const parts = owners.hq ? ['t.owner_store_id = 0'] : [];
      if (owners.storeIds.length) {
        parts.push(`t.owner_store_id IN (${placeholders(owners.storeIds.length)})`);
        params.push(...owners.storeIds);
      }
      where.push(parts.length ? `(${parts.join(' OR ')})` : '1 = 0');
    }
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT t.id, t.name, t.kind, t.rule_key, t.colour, t.description, t.owner_store_id,
              (SELECT COUNT(*) FROM member_tags mt WHERE mt.tag_id = t.id) AS member_count
         FROM tags t ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.kind, t.id`,
      params,
    );
    return rows.map(toTagRow);
  }

  async byId(m: EntityManager, id: number): Promise<Tag | null> {
    return findRow(m, Tag, { id });
  }

  async byIds(m: EntityManager, ids: number[]): Promise<Tag[]> {
    if (ids.length === 0) return [];
    return m.query(`SELECT id, name, kind, rule_key AS "ruleKey", colour, owner_store_id AS "ownerStoreId" FROM tags WHERE id IN (${placeholders(ids.length)})`, ids);
  }

  /** Every tag's id with its rule key (null for a manual tag). */
  async ruleKeysById(m: EntityManager): Promise<Map<number, string | null>> {
    const rows: Array<{ id: number; rule_key: string | null }> = await m.query('SELECT id, rule_key FROM tags');
    return new Map(rows.map((r) => [Number(r.id), r.rule_key ?? null]));
  }

  async create(m: EntityManager, tag: Omit<Tag, 'id'>): Promise<number> {
    return insertRow(m, Tag, tag);
  }

  async update(m: EntityManager, id: number, changes: { name: string; colour: string; description: string | null }): Promise<void> {
    await execute(m, 'UPDATE tags SET name = ?, colour = ?, description = ? WHERE id = ?', [changes.name, changes.colour, changes.description, id]);
  }

  async delete(m: EntityManager, id: number): Promise<void> {
    await execute(m, 'DELETE FROM member_tags WHERE tag_id = ?', [id]);
    await execute(m, 'DELETE FROM tags WHERE id = ?', [id]);
  }

  /** Rule tags by key; creates the missing ones (a unique key makes two instances create each once). */
  async ensureRuleTags(m: EntityManager, defs: Array<{ key: string; name: string; colour: string; description: string }>, now: Date): Promise<Map<string, number>> {
    const keys = defs.map((d) => d.key);
    let found = await this.ruleTagIds(m, keys);
    const missing = defs.filter((d) => !found.has(d.key));
    if (missing.length) {
      const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
      for (const d of missing) {
        await execute(m, `${ignore} INTO tags (name, kind, rule_key, colour, description, owner_store_id, created_at) VALUES (?, 'rule', ?, ?, ?, 0, ?)`, [d.name, d.key, d.colour, d.description, sqlDate(m, now)]);
      }
      // A tag another transaction created meanwhile is invisible to this one's snapshot, and its insert was ignored.
      found = await this.ruleTagIds(m, keys, { latest: true });
    }
    return found;
  }

  async ruleTagIds(m: EntityManager, keys?: string[], { latest = false } = {}): Promise<Map<string, number>> {
    const rows: Array<{ id: number; rule_key: string }> = keys
      ? keys.length
        ? await m.query(`SELECT id, rule_key FROM tags WHERE rule_key IN (${placeholders(keys.length)})${latest ? latestCommitted(m) : ''}`, keys)
        : []
      : await m.query("SELECT id, rule_key FROM tags WHERE kind = 'rule'");
    return new Map(rows.map((r) => [r.rule_key, Number(r.id)]));
  }

  /** Adds the tag to the members who lack it; returns how many gained it. */
  async addMembers(m: EntityManager, tagId: number, memberIds: number[], now: Date): Promise<number> {
    if (memberIds.length === 0) return 0;
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    const at = sqlDate(m, now);
    return execute(m, `${ignore} INTO member_tags (tag_id, member_id, created_at) VALUES ${memberIds.map(() => '(?, ?, ?)').join(', ')}`, memberIds.flatMap((id) => [tagId, id, at]));
  }

  async removeMembers(m: EntityManager, tagId: number, memberIds: number[]): Promise<number> {
    if (memberIds.length === 0) return 0;
    return execute(m, `DELETE FROM member_tags WHERE tag_id = ? AND member_id IN (${placeholders(memberIds.length)})`, [tagId, ...memberIds]);
  }

  /** Many (tag, member) pairs at once: the nightly refresh's additions. */
  async addPairs(m: EntityManager, pairs: Array<[tagId: number, memberId: number]>, now: Date): Promise<number> {
    let added = 0;
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    const at = sqlDate(m, now);
    for (let i = 0; i < pairs.length; i += 500) {
      const chunk = pairs.slice(i, i + 500);
      added += await execute(m, `${ignore} INTO member_tags (tag_id, member_id, created_at) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`, chunk.flatMap(([t, id]) => [t, id, at]));
    }
    return added;
  }

  async removePairs(m: EntityManager, pairs: Array<[tagId: number, memberId: number]>): Promise<number> {
    let removed = 0;
    for (let i = 0; i < pairs.length; i += 500) {
      const chunk = pairs.slice(i, i + 500);
      removed += await execute(m, `DELETE FROM member_tags WHERE ${chunk.map(() => '(tag_id = ? AND member_id = ?)').join(' OR ')}`, chunk.flatMap(([t, id]) => [t, id]));
    }
    return removed;
  }

  /**
   * Writes the members' rule-tag bits (`members.rule_tags`, the copy of their rule member_tags that
   * segments read), in the transaction that changed those rows: one statement per 500 members.
   */
  async copyRuleTagMasks(m: EntityManager, masks: Array<[memberId: number, mask: number]>): Promise<void> {
    for (let i = 0; i < masks.length; i += 500) {
      const chunk = masks.slice(i, i + 500);
      await execute(
        m,
        `UPDATE members SET rule_tags = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${placeholders(chunk.length)})`,
        [...chunk.flat(), ...chunk.map(([id]) => id)],
      );
    }
  }

  /** The rule tags the given members carry now, as (tag, member) pairs. */
  async ruleTagsOf(m: EntityManager, memberIds: number[]): Promise<Array<[number, number]>> {
    if (memberIds.length === 0) return [];
    const rows: Array<{ tag_id: number; member_id: number }> = await m.query(
      `SELECT mt.tag_id, mt.member_id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id IN (${placeholders(memberIds.length)}) AND t.kind = 'rule'`,
      memberIds,
    );
    return rows.map((r) => [Number(r.tag_id), Number(r.member_id)]);
  }

  async tagsOfMember(m: EntityManager, memberId: number): Promise<Array<{ id: number; name: string; kind: TagKind; colour: string }>> {
    const rows: Array<{ id: number; name: string; kind: TagKind; colour: string }> = await m.query(
      'SELECT t.id, t.name, t.kind, t.colour FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = ? ORDER BY t.kind, t.id',
      [memberId],
    );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }
}

function toTagRow(r: Record<string, unknown>): TagRow {
  return {
    id: Number(r.id),
    name: String(r.name),
    kind: r.kind as TagKind,
    ruleKey: (r.rule_key as string | null) ?? null,
    colour: String(r.colour),
    description: (r.description as string | null) ?? null,
    ownerStoreId: Number(r.owner_store_id) === 0 ? null : Number(r.owner_store_id),
    memberCount: Number(r.member_count),
  };
}
