/**
 * @module The nodes this conductor owns on the hash ring, read in one query.
 */
import { allNodes, type NodeRecord } from '../../db/repos/nodes.js'
import type { ConductorContext } from '../context.js'

export type OwnedNode = NodeRecord

export type Owner = (node: { uuid: string; driver: string; conductor_group: string }) => string | null

/** Nodes whose hash-ring owner is this conductor, read in one query. */
export async function ownedNodes(ctx: ConductorContext, ownerOf: Owner): Promise<OwnedNode[]> {
  const rows = await allNodes(ctx.db)
  return rows.filter((n) => ownerOf(n) === ctx.hostname)
}

/** Runs `fn` over `items` with at most `workers` in flight. */
export async function inParallel<T>(items: readonly T[], workers: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const loop = async () => {
    while (next < items.length) {
      const item = items[next++]!
      await fn(item)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, loop))
}
