/**
 * @module Portgroup rows: lookups, filtered pages, create, update (bumping the revision) and
 * delete.
 */
import type { Insertable, Kysely, Updateable } from 'kysely'
import { sql } from '../kysely.js'
import type { PortgroupRow, Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'
import { updateRevisioned, uuidMarker } from './revisioned.js'

/** A portgroup row with the UUID of its node. */
export interface PortgroupRecord extends Omit<PortgroupRow, 'id' | 'revision'> {
  id: number
  revision: number
  node_uuid: string | null
}

/** The filters of a portgroup list (all optional; combined with AND). */
export interface PortgroupFilters {
  nodeId?: number
  /** portgroups of nodes in these shards */
  shards?: readonly string[]
  /** portgroups of nodes in these conductor groups (compared lower-cased) */
  conductorGroups?: readonly string[]
}

type Db = Kysely<Tables>

function selectPortgroups(db: Db) {
  return db
    .selectFrom('portgroups')
    .leftJoin('nodes', 'nodes.id', 'portgroups.node_id')
    .selectAll('portgroups')
    .select(['nodes.uuid as node_uuid'])
}

/** One portgroup by id, UUID, name or MAC address. */
export async function findPortgroup(
  db: Db,
  by: { id: number } | { uuid: string } | { name: string } | { address: string },
): Promise<PortgroupRecord | undefined> {
  const [column, value] = Object.entries(by)[0] as [keyof typeof by, string | number]
  const row = await selectPortgroups(db)
    .where(sql.ref(`portgroups.${column}`), '=', value)
    .executeTakeFirst()
  return row as PortgroupRecord | undefined
}

/** One page of portgroups matching the filters. */
export async function listPortgroups(
  db: Db,
  filters: PortgroupFilters,
  page: PageRequest,
): Promise<PortgroupRecord[]> {
  let q = selectPortgroups(db)
  const f = filters
  if (f.nodeId !== undefined) q = q.where('portgroups.node_id', '=', f.nodeId)
  if (f.shards !== undefined && f.shards.length > 0) q = q.where('nodes.shard', 'in', f.shards)
  if (f.conductorGroups !== undefined && f.conductorGroups.length > 0) {
    const groups = f.conductorGroups
    q = q.where((eb) => eb.fn('lower', ['nodes.conductor_group']), 'in', groups)
  }
  return (await paginate(q, 'portgroups', page).execute()) as PortgroupRecord[]
}

/** Inserts a portgroup; returns its id. */
export async function insertPortgroup(db: Db, values: Insertable<PortgroupRow>): Promise<number> {
  const r = await db
    .insertInto('portgroups')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

/**
 * Updates a portgroup and bumps its revision, only while the row still has `revision`
 * (compare-and-set); false when no row changed.
 */
export function updatePortgroup(
  db: Db,
  id: number,
  changes: Updateable<PortgroupRow>,
  opts: { revision: number; updatedAt: string },
): Promise<boolean> {
  return updateRevisioned(db, 'portgroups', id, changes, opts)
}

/** Deletes a portgroup unless ports still belong to it; false when it has ports. */
export async function deletePortgroup(db: Db, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('ports')
      .select('id')
      .where('portgroup_id', '=', id)
      .executeTakeFirst()
    if (member) return false
    await trx.deleteFrom('portgroups').where('id', '=', id).execute()
    return true
  })
}

/** True when another portgroup than `exceptId` has this MAC address (unique, as in Ironic). */
export async function portgroupAddressTaken(
  db: Db,
  address: string,
  exceptId = -1,
): Promise<boolean> {
  const row = await db
    .selectFrom('portgroups')
    .select('id')
    .where('address', '=', address)
    .where('id', '!=', exceptId)
    .executeTakeFirst()
  return row !== undefined
}

/** Id and sort-column value of the marker portgroup, for keyset paging. */
export function portgroupMarker(
  db: Db,
  uuid: string,
  sortColumn: string,
): Promise<{ id: number; value: unknown } | undefined> {
  return uuidMarker(db, 'portgroups', uuid, sortColumn)
}
