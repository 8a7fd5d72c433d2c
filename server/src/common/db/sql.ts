import type { EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';

export function isSqlite(manager: EntityManager): boolean {
  return manager.connection.options.type === 'better-sqlite3';
}

/** Row locks exist only on MySQL; SQLite's single writer already serialises the transaction. */
export function forUpdate(manager: EntityManager): string {
  return isSqlite(manager) ? '' : ' FOR UPDATE';
}

/**
 * A read that sees rows committed after this transaction's snapshot (MySQL's repeatable read would not):
 * for a count taken under a lock that another transaction held while it wrote.
 */
export function latestCommitted(manager: EntityManager): string {
  return isSqlite(manager) ? '' : ' LOCK IN SHARE MODE';
}

interface InsertStatement {
  head: string;
  tuple: string;
  columns: Array<{ property: string; isDate: boolean; isBoolean: boolean; fallback: unknown }>;
}

const insertStatements = new WeakMap<object, InsertStatement>();

/** The entity's INSERT, built once from its metadata: the head up to VALUES and one row's placeholders. */
function insertStatement(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): InsertStatement {
  const metadata = manager.connection.getMetadata(entity);
  let statement = insertStatements.get(metadata);
  if (!statement) {
    const columns = metadata.columns.filter((c) => !c.isGenerated);
    const quote = (name: string) => (isSqlite(manager) ? `"${name}"` : `\`${name}\``);
    statement = {
      head: `INSERT INTO ${quote(metadata.tableName)} (${columns.map((c) => quote(c.databaseName)).join(', ')}) VALUES `,
      tuple: `(${columns.map(() => '?').join(', ')})`,
      columns: columns.map((c) => ({ property: c.propertyName, isDate: c.type === 'datetime', isBoolean: c.type === 'boolean', fallback: typeof c.default === 'function' ? null : (c.default ?? null) })),
    };
    insertStatements.set(metadata, statement);
  }
  return statement;
}

function insertParams(manager: EntityManager, statement: InsertStatement, values: object): unknown[] {
  return statement.columns.map(({ property, isDate, isBoolean, fallback }) => {
    const given = (values as Record<string, unknown>)[property];
    // An omitted property takes the column's declared default, as the query builder's DEFAULT would.
    const value = given === undefined ? fallback : given;
    if (value === undefined || value === null) return null;
    if (isDate) return sqlDate(manager, value as Date);
    if (isBoolean && isSqlite(manager)) return value ? 1 : 0;
    return value;
  });
}

/**
 * Lean insert for hot paths: one parameterised INSERT built once per entity from its metadata, no
 * query builder, no entity hydration and no SELECT after it. Returns the new row's id.
 */
export async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, values: Partial<T>): Promise<number> {
  const statement = insertStatement(manager, entity);
  const runner = manager.queryRunner;
  if (!runner) throw new Error('insertRow() must run inside a transaction (TransactionRunner.run)');
  const result = await runner.query(statement.head + statement.tuple, insertParams(manager, statement, values), true);
  const raw = result.raw as { insertId?: number } | number | bigint;
  return Number(typeof raw === 'object' ? raw.insertId : raw);
}

/** Rows per multi-row INSERT: far below both drivers' placeholder limits (SQLite 32,766, MySQL 65,535) for 40 columns. */
const ROWS_PER_INSERT = 500;

/**
 * Bulk load (an import): multi-row INSERTs of the same statement, all or nothing in the caller's
 * transaction. No ids come back (MySQL only promises consecutive ones under some lock modes): read
 * them by a natural key when needed.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Array<Partial<T>>): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('insertRows() must run inside a transaction (TransactionRunner.run)');
  const statement = insertStatement(manager, entity);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await runner.query(statement.head + chunk.map(() => statement.tuple).join(', '), chunk.flatMap((row) => insertParams(manager, statement, row)), true);
  }
}

const selectStatements = new WeakMap<object, Map<string, string>>();

/**
 * Lean read for hot paths: the row matching every `where` property by equality, hydrated as TypeORM
 * would (dates, booleans, JSON, transformers), from one SELECT built once per entity and key set.
 */
export async function findRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, where: Partial<T>): Promise<T | null> {
  const metadata = manager.connection.getMetadata(entity);
  const keys = Object.keys(where);
  let byKeys = selectStatements.get(metadata);
  if (!byKeys) selectStatements.set(metadata, (byKeys = new Map()));
  let sql = byKeys.get(keys.join());
  if (!sql) {
    const quote = (name: string) => (isSqlite(manager) ? `"${name}"` : `\`${name}\``);
    const column = (property: string) => {
      const found = metadata.findColumnWithPropertyName(property);
      if (!found) throw new Error(`${metadata.name} has no column ${property}`);
      return quote(found.databaseName);
    };
    sql = `SELECT ${metadata.columns.map((c) => quote(c.databaseName)).join(', ')} FROM ${quote(metadata.tableName)} WHERE ${keys.map((k) => `${column(k)} = ?`).join(' AND ')} LIMIT 1`;
    byKeys.set(keys.join(), sql);
  }
  const rows: Array<Record<string, unknown>> = await manager.query(sql, keys.map((k) => (where as Record<string, unknown>)[k]));
  const row = rows[0];
  if (!row) return null;
  const driver = manager.connection.driver;
  const hydrated = metadata.create() as T;
  for (const c of metadata.columns) c.setEntityValue(hydrated, driver.prepareHydratedValue(row[c.databaseName], c));
  return hydrated;
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

/**
 * Text matched literally inside a LIKE pattern written with `ESCAPE '!'` (a backslash would need
 * escaping differently in MySQL and SQLite string literals).
 */
export function likeLiteral(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
