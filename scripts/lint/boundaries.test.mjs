import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkBoundaries, SQL_FIX } from './boundaries.mjs'

const fixture = (name) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name)

test('a deliberate cycle between two features fails, naming the imports that make it', () => {
  assert.deepEqual(checkBoundaries(fixture('cycle')), [
    'feature cycle alpha → beta → alpha: alpha/alpha.service.ts imports beta/beta.service; beta/beta.service.ts imports alpha/alpha.service',
  ])
})

test("a feature importing another feature's use case fails", () => {
  assert.deepEqual(checkBoundaries(fixture('internal')), [
    "alpha/alpha.service.ts imports beta/usecases/pay.usecase: another feature's internals (use cases, DTOs and controllers stay inside beta/)",
  ])
})

test('one-way imports of services pass, and wiring folders may import any feature', () => {
  assert.deepEqual(checkBoundaries(fixture('clean')), [])
})

test('SQL and ORM calls outside a repository fail, each with its line and the fix; repositories, seeds and the SQL helpers may hold SQL', () => {
  assert.deepEqual(checkBoundaries(fixture('sql')), [
    `alpha/alpha.service.ts:2: the SQL helpers of common/db/sql outside a repository (import { insertRow } from '../common/db/sql'): ${SQL_FIX}`,
    `alpha/alpha.service.ts:10: an SQL statement outside a repository (await m.query('UPDATE alpha SET name = ? WHERE id = ?', [name, id])): ${SQL_FIX}`,
    `alpha/alpha.service.ts:11: a TypeORM call on an EntityManager or DataSource outside a repository (await m.update('Alpha', { id }, { name })): ${SQL_FIX}`,
  ])
})
