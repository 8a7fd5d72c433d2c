import type { Store } from '@huiyuan/shared-types'
import { homeFor, routesFor } from '../src/routes'
import { storeTree } from '../src/pages/stores/store-tree'
import { mayUndo, withinUndoWindow } from '../src/pages/verifications/undo-window'
import { sortParam } from '../src/pages/members/MembersPage'
import { passwordProblem } from '../src/pages/login/password-rules'

describe('navigation by role', () => {
  it.each([
    ['hq_admin', ['/members', '/tags', '/segments', '/campaigns', '/automations', '/care-tasks', '/message-templates', '/dashboards', '/tiers', '/earning-rules', '/checkin-rules', '/referrals', '/rewards', '/coupon-templates', '/stores', '/staff', '/verifications', '/settlement', '/exports', '/imports', '/audit']],
    ['store_manager', ['/members', '/tags', '/segments', '/care-tasks', '/message-templates', '/dashboards', '/coupon-templates', '/stores', '/staff', '/verifications', '/settlement', '/exports']],
    ['clerk', ['/verifications']],
  ] as const)('%s sees %j', (role, paths) => {
    expect(routesFor(role).filter((r) => !r.hideInMenu).map((r) => r.path)).toEqual(paths)
  })

  it('lands each role on its first page', () => {
    expect(homeFor('hq_admin')).toBe('/members')
    expect(homeFor('clerk')).toBe('/verifications')
  })
})

describe('store tree', () => {
  const stores: Store[] = [
    { id: 1, code: 'HQ', name: '总部', kind: 'hq', parentId: null },
    { id: 2, code: 'R1', name: '华东区', kind: 'region', parentId: 1 },
    { id: 3, code: 'S001', name: '静安店', kind: 'store', parentId: 2 },
    { id: 4, code: 'S002', name: '徐汇店', kind: 'store', parentId: 1 },
  ]

  it('nests stores below their region and HQ', () => {
    const [hq] = storeTree(stores)
    expect(hq?.key).toBe('HQ')
    expect(hq?.children.map((c) => c.key)).toEqual(['R1', 'S002'])
    expect(hq?.children[0]?.children.map((c) => c.key)).toEqual(['S001'])
  })

  it('lifts the children of a dropped node', () => {
    expect(storeTree(stores, (s) => s.kind !== 'hq').map((n) => n.key)).toEqual(['R1', 'S002'])
    expect(storeTree(stores, (s) => s.kind !== 'store').map((n) => n.key)).toEqual(['HQ'])
  })
})

describe('verification undo', () => {
  const now = Date.parse('2026-12-01T10:00:00Z')
  it.each([
    [{ verifiedAt: '2026-12-01T09:50:00Z', undoneAt: null }, 30, true],
    [{ verifiedAt: '2026-12-01T09:00:00Z', undoneAt: null }, 30, false],
    [{ verifiedAt: '2026-12-01T09:59:00Z', undoneAt: '2026-12-01T09:59:30Z' }, 30, false],
    [{ verifiedAt: '2026-12-01T01:00:00Z', undoneAt: null }, undefined, true],
  ])('%j within %s minutes → %s', (v, window, expected) => {
    expect(withinUndoWindow(v, window, now)).toBe(expected)
  })

  it('is for managers and HQ', () => {
    expect([mayUndo('hq_admin'), mayUndo('store_manager'), mayUndo('clerk')]).toEqual([true, true, false])
  })
})

describe('member list sort', () => {
  it.each([
    [{ points: 'descend' }, 'points_desc'],
    [{ points: 'ascend' }, 'points_asc'],
    [{ joinedAt: 'ascend' }, 'joined_asc'],
    [{ lastVisitAt: 'descend' }, 'last_visit_desc'],
    [{}, undefined],
  ] as const)('%j → %s', (sort, expected) => {
    expect(sortParam(sort)).toBe(expected)
  })
})

describe('password rules (as the server checks them)', () => {
  it.each([
    ['short1!', '密码至少 10 位'],
    [' padded-pass1 ', '密码首尾不能是空格'],
    ['aaaaaaaaaa1', '密码至少包含 5 个不同的字符'],
    ['onlyletterswords', '密码须包含字母、数字、符号中的至少两种'],
    ['lin-clerk-2026', '密码不能包含用户名'],
    ['a-good-one-2026', null],
  ])('%j → %s', (password, problem) => {
    expect(passwordProblem(password, 'LIN-CLERK')).toBe(problem)
  })
})
