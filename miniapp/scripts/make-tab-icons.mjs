#!/usr/bin/env node
/**
 * Draws the tab-bar icons (81×81 PNG, WeChat's recommended size; the tab bar limit is 40 KB each) into
 * src/assets/tabbar/. The PNGs are committed; run this only to change them:
 *   node miniapp/scripts/make-tab-icons.mjs   (uses @napi-rs/canvas, installed for the server)
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCanvas } from '@napi-rs/canvas'

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tabbar')
const SIZE = 81
const COLORS = { normal: '#8a8a99', active: '#b8860b' }

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.arcTo(x + w, y, x + w, y + h, r)
  ctx.arcTo(x + w, y + h, x, y + h, r)
  ctx.arcTo(x, y + h, x, y, r)
  ctx.arcTo(x, y, x + w, y, r)
  ctx.closePath()
}

/** Roof and walls of the home icon, stroked after the active fill. */
function houseOutline(ctx) {
  ctx.beginPath()
  ctx.moveTo(12, 38)
  ctx.lineTo(40.5, 13)
  ctx.lineTo(69, 38)
  ctx.moveTo(20, 32)
  ctx.lineTo(20, 67)
  ctx.lineTo(61, 67)
  ctx.lineTo(61, 32)
}

const shapes = {
  home(ctx, active) {
    houseOutline(ctx)
    if (active) {
      ctx.save()
      ctx.beginPath()
      ctx.moveTo(20, 32)
      ctx.lineTo(40.5, 14)
      ctx.lineTo(61, 32)
      ctx.lineTo(61, 67)
      ctx.lineTo(20, 67)
      ctx.closePath()
      ctx.globalAlpha = 0.18
      ctx.fill()
      ctx.restore()
      houseOutline(ctx)
    }
    ctx.stroke()
    roundRect(ctx, 33, 46, 15, 21, 3)
    if (active) ctx.fill()
    else ctx.stroke()
  },
  card(ctx, active) {
    roundRect(ctx, 10, 19, 61, 43, 8)
    if (active) {
      ctx.save()
      ctx.globalAlpha = 0.18
      ctx.fill()
      ctx.restore()
    }
    ctx.stroke()
    ctx.beginPath()
    ctx.moveTo(10, 32)
    ctx.lineTo(71, 32)
    ctx.moveTo(20, 49)
    ctx.lineTo(38, 49)
    ctx.stroke()
  },
  mine(ctx, active) {
    ctx.beginPath()
    ctx.arc(40.5, 28, 13, 0, Math.PI * 2)
    if (active) ctx.fill()
    ctx.stroke()
    ctx.beginPath()
    ctx.moveTo(15, 68)
    ctx.bezierCurveTo(15, 52, 27, 45, 40.5, 45)
    ctx.bezierCurveTo(54, 45, 66, 52, 66, 68)
    if (active) {
      ctx.closePath()
      ctx.save()
      ctx.globalAlpha = 0.18
      ctx.fill()
      ctx.restore()
    }
    ctx.stroke()
  },
}

fs.mkdirSync(out, { recursive: true })
for (const [name, draw] of Object.entries(shapes)) {
  for (const active of [false, true]) {
    const canvas = createCanvas(SIZE, SIZE)
    const ctx = canvas.getContext('2d')
    ctx.strokeStyle = ctx.fillStyle = active ? COLORS.active : COLORS.normal
    ctx.lineWidth = 6
    ctx.lineCap = 'round'
    ctx.lineJoin = 'round'
    draw(ctx, active)
    const file = path.join(out, `${name}${active ? '-active' : ''}.png`)
    fs.writeFileSync(file, canvas.toBuffer('image/png'))
    console.log(`${path.relative(process.cwd(), file)} ${fs.statSync(file).size} B`)
  }
}
