import type { EntityManager, InsertResult, ObjectLiteral, EntityTarget } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';

export function isSqlite(manager: EntityManager): boolean {
  return manager.connection.options.type === 'better-sqlite3';
}

/** Row locks exist only on MySQL; SQLite's single writer already serialises the transaction. */
export function forUpdate(manager: EntityManager): string {
  return isSqlite(manager) ? '' : ' FOR UPDATE';
}

/** Lean insert for hot paths: no entity hydration and no SELECT after the INSERT. */
export async function insertRow<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: Partial<T>,
): Promise<number> {
  const result: InsertResult = await manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(values as never)
    .updateEntity(false)
    .execute();
  const raw = result.raw as { insertId?: number } | number | undefined;
  const id = typeof raw === 'number' ? raw : (raw?.insertId ?? (result.identifiers[0]?.id as number | undefined));
  if (id === undefined) throw new Error('insert returned no id');
  return Number(id);
}

/** Runs an UPDATE/DELETE inside the caller's transaction and returns the rows it changed, on either driver. */
export async function execute(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('execute() must run inside a transaction (TransactionRunner.run)');
  const result = await runner.query(sql, parameters, true);
  return Number(result.affected ?? 0);
}

/** A Date as a raw-SQL parameter: mysql2 binds Date objects (UTC), better-sqlite3 needs TypeORM's UTC text form. */
export function sqlDate(manager: EntityManager, date: Date): Date | string {
  return isSqlite(manager) ? DateUtils.mixedDateToUtcDatetimeString(date) : date;
}

/** A datetime column read by raw SQL: mysql2 gives a Date, better-sqlite3 TypeORM's UTC text without a zone. */
export function fromSqlDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
