import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkBoundaries } from './boundaries.mjs'

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
