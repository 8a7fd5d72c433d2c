import type { Rule } from 'antd/es/form'

/** antd form rules built from shared-types' LIMITS, so the console checks what the server checks. */
export const required = (label: string): Rule => ({ required: true, message: `请填写${label}` })

export const intIn = (label: string, [min, max]: readonly [number, number]): Rule => ({
  validator: (_, value: unknown) => {
    if (value === null || value === undefined || value === '') return Promise.resolve()
    const n = Number(value)
    if (!Number.isInteger(n)) return Promise.reject(new Error(`${label}须为整数`))
    if (n < min || n > max) return Promise.reject(new Error(`${label}须在 ${min}–${max} 之间`))
    return Promise.resolve()
  },
})

export const numberIn = (label: string, [min, max]: readonly [number, number]): Rule => ({
  validator: (_, value: unknown) => {
    if (value === null || value === undefined || value === '') return Promise.resolve()
    const n = Number(value)
    if (Number.isNaN(n) || n < min || n > max) return Promise.reject(new Error(`${label}须在 ${min}–${max} 之间`))
    return Promise.resolve()
  },
})

/** Yuan with at most two decimals, within a range of cents. */
export const yuanIn = (label: string, [minCents, maxCents]: readonly [number, number]): Rule => ({
  validator: (_, value: unknown) => {
    if (value === null || value === undefined || value === '') return Promise.resolve()
    const n = Number(value)
    if (Number.isNaN(n) || Math.round(n * 100) !== Number((n * 100).toFixed(6))) return Promise.reject(new Error(`${label}最多两位小数`))
    const cents = Math.round(n * 100)
    if (cents < minCents || cents > maxCents) return Promise.reject(new Error(`${label}须在 ¥${minCents / 100}–¥${maxCents / 100} 之间`))
    return Promise.resolve()
  },
})

export const lengthIn = (label: string, [min, max]: readonly [number, number]): Rule => ({
  validator: (_, value: unknown) => {
    const text = typeof value === 'string' ? value.trim() : ''
    if (text.length === 0 && min <= 0) return Promise.resolve()
    if (text.length < min || text.length > max) return Promise.reject(new Error(min > 1 ? `${label}须为 ${min}–${max} 个字` : `${label}最多 ${max} 个字`))
    return Promise.resolve()
  },
})

export const pattern = (re: RegExp, message: string): Rule => ({ pattern: re, message })
