/**
 * @module The nodes this conductor owns on the hash ring, read in one query with just the
 * columns a periodic task needs.
 */
import type { ConductorContext } from '../context.js'

export interface OwnedNode {
  id: number
  uuid: string
  driver: string
  conductor_group: string
  power_state: string | null
  provision_state: string | null
  provision_updated_at: string | null
  maintenance: number | boolean | null
  fault: string | null
  reservation: string | null
}

export type Owner = (node: { uuid: string; driver: string; conductor_group: string }) => string | null

/** Nodes whose hash-ring owner is this conductor. */
export async function ownedNodes(ctx: ConductorContext, ownerOf: Owner): Promise<OwnedNode[]> {
  const rows = (await ctx.db
    .selectFrom('nodes')
    .select([
      'id', 'uuid', 'driver', 'conductor_group', 'power_state', 'provision_state',
      'provision_updated_at', 'maintenance', 'fault', 'reservation',
    ])
    .execute()) as OwnedNode[]
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
