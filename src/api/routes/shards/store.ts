/**
 * @module The population of shards: how many nodes each `shard` value holds (Ironic's
 * `db/sqlalchemy/api.py` `get_shard_list`).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../../db/tables.js'

/** One shard as the API lists it. */
export interface Shard {
  name: string
  count: number
}

/**
 * Every shard value with its node count, the most populated first. Nodes without a shard are
 * counted too, under the name "None" (Ironic prints Python's `None`). Ironic sorts by count
 * only, so ties keep its database's GROUP BY order (SQLite's: no shard first, then by name);
 * Anvil orders ties that way on every dialect.
 */
export async function listShards(db: Kysely<Tables>): Promise<Shard[]> {
  const rows = await db
    .selectFrom('nodes')
    .select((eb) => [eb.fn.count<number | string>('id').as('count'), 'shard'])
    .groupBy('shard')
    .orderBy('count', 'desc')
    .orderBy('shard', (ob) => ob.asc().nullsFirst())
    .execute()
  // PostgreSQL's count() is a bigint, which pg hands over as a string
  return rows.map((r) => ({ name: r.shard ?? 'None', count: Number(r.count) }))
}
