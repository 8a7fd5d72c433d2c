#!/usr/bin/env node
/**
 * The server's module boundaries, checked in `npm run lint`: a feature is a folder of src/ with its own
 * `<name>.module.ts`. Two rules, reported with the import that breaks them:
 * - no cycle between features (members → points → members is how two features stop being two);
 * - no feature imports another's internals: its use cases, DTOs or controllers. Other features call
 *   its services and repositories, which the owning module exports.
 * Folders that wire everything together (database seeds, cli) are not features and may import anything.
 * A third rule holds everywhere in src/: SQL and ORM calls live in `*.repository.ts` files (each owning
 * its tables), so a renamed column breaks in one place. Exempt: migrations and seeds (database/), the
 * command-line tools (cli/), and the SQL helpers themselves (common/db/).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const INTERNAL = [/(^|\/)usecases\//, /(^|\/)dto\//, /\.controller\.ts$/]

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

function importsOf(file) {
  const text = fs.readFileSync(file, 'utf8')
  const found = []
  for (const match of text.matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) found.push(match[1] ?? match[2])
  return found
}

const SQL_EXEMPT = [/^database\//, /^cli\//, /^common\/db\//, /\.repository\.ts$/]

/** What gives SQL away: a statement in a string, a TypeORM call on a manager or data source, the lean SQL helpers. */
const SQL_PATTERNS = [
  { pattern: /['"`]\s*(?:SELECT\s|INSERT\s+(?:IGNORE\s+)?INTO\s|REPLACE\s+INTO\s|UPDATE\s+[`"\w]+\s+SET\s|DELETE\s+FROM\s)/, what: 'an SQL statement' },
  { pattern: /\b(?:getRepository|createQueryBuilder)\s*[<(]/, what: 'a TypeORM repository or query builder' },
  {
    pattern: /\b(?:manager|m|em|entityManager|dataSource|queryRunner|runner|connection)\s*\.\s*(?:query|find\w*|save|insert|update|upsert|delete|remove|count\w*|exists\w*|increment|decrement|sum|average|minimum|maximum|softDelete|restore)\s*[<(]/,
    what: 'a TypeORM call on an EntityManager or DataSource',
  },
  { pattern: /import\s*\{[^}]*\b(?:execute|insertRow|findRow)\b[^}]*\}\s*from\s*'[./]*common\/db\/sql'/, what: 'the SQL helpers of common/db/sql' },
]

export const SQL_FIX =
  "move it into a method of the *.repository.ts that owns the table (<feature>/<feature>.repository.ts, provided by the feature's module; create it if there is none) and call that method by a domain name (README.md, Development notes: the data layer)"

/** Each SQL or ORM call outside a repository, with its line and how to fix it. */
export function sqlOutsideRepositories(srcRoot) {
  const root = path.resolve(srcRoot)
  const problems = []
  for (const file of sourceFiles(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/')
    if (SQL_EXEMPT.some((pattern) => pattern.test(rel))) continue
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, i) => {
      const trimmed = line.trim()
      if (trimmed.startsWith('//') || trimmed.startsWith('*')) return
      const found = SQL_PATTERNS.find(({ pattern }) => pattern.test(line))
      if (!found) return
      problems.push(
        `${rel}:${i + 1}: ${found.what} outside a repository (${trimmed.slice(0, 80)}): ${SQL_FIX}`,
      )
    })
  }
  return problems
}

/** Returns the problems found under `srcRoot`, one line each; an empty list means the boundaries hold. */
export function checkBoundaries(srcRoot) {
  const root = path.resolve(srcRoot)
  const features = new Set(
    fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, `${d.name}.module.ts`))).map((d) => d.name),
  )
  const featureOf = (rel) => {
    const top = rel.split('/')[0]
    return features.has(top) ? top : null
  }
  const problems = []
  const edges = new Map([...features].map((f) => [f, new Map()]))
  for (const file of sourceFiles(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/')
    const from = featureOf(rel)
    if (!from) continue
    for (const spec of importsOf(file)) {
      const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/')
      const to = featureOf(target)
      if (!to || to === from) continue
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${rel} imports ${target}`)
      const inside = target.slice(to.length + 1)
      if (INTERNAL.some((pattern) => pattern.test(inside.endsWith('.ts') ? inside : `${inside}.ts`))) {
        problems.push(`${rel} imports ${target}: another feature's internals (use cases, DTOs and controllers stay inside ${to}/)`)
      }
    }
  }
  problems.push(...cycles(edges))
  problems.push(...sqlOutsideRepositories(root))
  return problems
}

/** Each feature-level cycle once, with one import per step so it can be found. */
function cycles(edges) {
  const found = []
  const seen = new Set()
  const visit = (start, node, trail) => {
    for (const [next, via] of edges.get(node)) {
      if (next === start) {
        const ring = [...trail.map((t) => t.feature), start]
        const key = [...ring.slice(0, -1)].sort().join(',')
        if (!seen.has(key)) {
          seen.add(key)
          found.push(`feature cycle ${ring.join(' → ')}: ${[...trail.slice(1).map((t) => t.via), via].join('; ')}`)
        }
      } else if (next > start && !trail.some((t) => t.feature === next)) {
        visit(start, next, [...trail, { feature: next, via }])
      }
    }
  }
  for (const feature of [...edges.keys()].sort()) visit(feature, feature, [{ feature, via: null }])
  return found
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const srcRoot = process.argv[2] ?? 'server/src'
  const problems = checkBoundaries(srcRoot)
  for (const p of problems) console.error(p)
  if (problems.length > 0) {
    console.error(`\n${problems.length} module boundary problem(s) in ${srcRoot}`)
    process.exit(1)
  }
  console.log(`module boundaries hold in ${srcRoot}`)
}
