#!/usr/bin/env node
/**
 * The server's module boundaries, checked in `npm run lint`: a feature is a folder of src/ with its own
 * `<name>.module.ts`. Two rules, reported with the import that breaks them:
 * - no cycle between features (members → points → members is how two features stop being two);
 * - no feature imports another's internals: its use cases, DTOs or controllers. Other features call
 *   its services and repositories, which the owning module exports.
 * Folders that wire everything together (database seeds, cli) are not features and may import anything.
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
