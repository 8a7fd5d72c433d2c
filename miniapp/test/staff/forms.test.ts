import { mayOpen, mayUndoVerifications, withinUndoWindow } from '../../src/packages/staff/forms'
import { missedDays } from '../../src/packages/checkin/makeup'

describe('roles', () => {
  it.each([
    ['clerk', 'poster', true],
    ['clerk', 'verifications', true],
    ['store_manager', 'verifications', true],
    ['hq_admin', 'poster', true],
  ] as const)('%s may open %s: %s', (role, page, allowed) => {
    expect(mayOpen(role, page)).toBe(allowed)
  })

  it('lets managers and HQ undo, not clerks', () => {
    expect([mayUndoVerifications('hq_admin'), mayUndoVerifications('store_manager'), mayUndoVerifications('clerk')]).toEqual([true, true, false])
  })
})

describe('withinUndoWindow', () => {
  const at = Date.parse('2026-03-05T10:00:00Z')
  it.each([
    [{ verifiedAt: '2026-03-05T09:31:00Z' }, 30, true],
    [{ verifiedAt: '2026-03-05T09:30:00Z' }, 30, false],
    [{ verifiedAt: '2026-03-05T09:59:00Z', undoneAt: '2026-03-05T09:59:30Z' }, 30, false],
    [{ verifiedAt: '2026-03-01T00:00:00Z' }, undefined, true],
  ])('%j with %s minutes → %s', (v, minutes, expected) => {
    expect(withinUndoWindow(v, minutes, at)).toBe(expected)
  })
})

describe('missedDays', () => {
  it('lists the unchecked days before today in the current month', () => {
    expect(missedDays('2026-03', '2026-03-05', ['2026-03-01', '2026-03-03'])).toEqual(['2026-03-02', '2026-03-04'])
  })

  it('leaves out the days before the member joined', () => {
    expect(missedDays('2026-03', '2026-03-05', [], '2026-03-03')).toEqual(['2026-03-03', '2026-03-04'])
  })

  it('is empty on the 1st and for other months', () => {
    expect(missedDays('2026-03', '2026-03-01', [])).toEqual([])
    expect(missedDays('2026-02', '2026-03-05', [])).toEqual([])
  })
})
