import { yuanToCents } from '../../src/lib/format'

describe('yuanToCents', () => {
  it.each([
    ['128', 12800],
    ['128.5', 12850],
    ['0.01', 1],
    [' 12.34 ', 1234],
    ['0', null],
    ['-1', null],
    ['1.234', null],
    ['abc', null],
    ['', null],
  ])('%s → %s', (input, cents) => {
    expect(yuanToCents(input)).toBe(cents)
  })
})
