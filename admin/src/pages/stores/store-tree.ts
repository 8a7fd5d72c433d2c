import type { Store } from '@huiyuan/shared-types'
import { storeKindNames } from '../../lib/format'

export interface StoreNode {
  key: string
  value: string
  title: string
  store: Store
  children: StoreNode[]
}

/** The flat store list as HQ → regions → stores, for Tree and TreeSelect; `keep` drops nodes (their children move up). */
export function storeTree(stores: Store[], keep: (s: Store) => boolean = () => true): StoreNode[] {
  const nodes = new Map(stores.map((s) => [s.id, { key: s.code, value: s.code, title: `${s.name}（${s.code}，${storeKindNames[s.kind]}）`, store: s, children: [] as StoreNode[] }]))
  const roots: StoreNode[] = []
  for (const s of stores) {
    const node = nodes.get(s.id)!
    const parent = s.parentId === null ? undefined : nodes.get(s.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const prune = (list: StoreNode[]): StoreNode[] => list.flatMap((n) => (keep(n.store) ? [{ ...n, children: prune(n.children) }] : prune(n.children)))
  return prune(roots)
}
