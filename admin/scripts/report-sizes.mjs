#!/usr/bin/env node
/**
 * Prints the console's JavaScript sizes after `vite build`: what the first load fetches (index.html's
 * scripts and their static imports) and each lazily loaded page chunk, raw and gzipped.
 * Exits 1 when the first load passes the budget (1 MB gzipped).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

const BUDGET = 1024 * 1024
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist')
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'))

const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length
const raw = (file) => fs.statSync(path.join(dist, file)).size
const kb = (n) => `${(n / 1024).toFixed(1)} KB`

const entry = Object.values(manifest).find((c) => c.isEntry)
const firstLoad = new Set()
const visit = (key) => {
  const chunk = manifest[key]
  if (!chunk || firstLoad.has(chunk.file)) return
  firstLoad.add(chunk.file)
  for (const dep of chunk.imports ?? []) visit(dep)
}
visit(Object.keys(manifest).find((k) => manifest[k] === entry))

let firstGz = 0
let firstRaw = 0
console.log('console (admin/) JavaScript')
console.log('  first load:')
for (const file of firstLoad) {
  firstGz += gz(file)
  firstRaw += raw(file)
  console.log(`    ${file.padEnd(44)} ${kb(raw(file)).padStart(10)} ${kb(gz(file)).padStart(10)} gzip`)
}
console.log(`    ${'total'.padEnd(44)} ${kb(firstRaw).padStart(10)} ${kb(firstGz).padStart(10)} gzip (budget ${kb(BUDGET)} gzipped)`)
console.log('  pages (loaded on first visit):')
for (const chunk of Object.values(manifest)) {
  if (!chunk.isDynamicEntry || firstLoad.has(chunk.file)) continue
  console.log(`    ${(chunk.src ?? chunk.file).padEnd(44)} ${kb(raw(chunk.file)).padStart(10)} ${kb(gz(chunk.file)).padStart(10)} gzip`)
}
if (firstGz > BUDGET) {
  console.log(`first load ${kb(firstGz)} gzipped is over the ${kb(BUDGET)} budget`)
  process.exit(1)
}
