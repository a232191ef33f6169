/**
 * @module Port rows: lookups, filtered pages, create, update (bumping the revision) and delete.
 */
import type { Insertable, Kysely, Updateable } from 'kysely'
import { sql } from '../kysely.js'
import type { PortRow, Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'
import { updateRevisioned, uuidMarker } from './revisioned.js'

/** A port row with the UUIDs of its node and portgroup. */
export interface PortRecord extends Omit<PortRow, 'id' | 'revision'> {
  id: number
  revision: number
  node_uuid: string | null
  portgroup_uuid: string | null
}

/** The filters of a port list (all optional; combined with AND). */
export interface PortFilters {
  nodeId?: number
  portgroupId?: number
  /** ports of nodes in these shards */
  shards?: readonly string[]
  /** ports of nodes in these conductor groups (compared lower-cased) */
  conductorGroups?: readonly string[]
  /** SQL LIKE pattern body, unescaped as Ironic does */
  descriptionContains?: string
}

type Db = Kysely<Tables>

function selectPorts(db: Db) {
  return db
    .selectFrom('ports')
    .leftJoin('nodes', 'nodes.id', 'ports.node_id')
    .leftJoin('portgroups', 'portgroups.id', 'ports.portgroup_id')
    .selectAll('ports')
    .select(['nodes.uuid as node_uuid', 'portgroups.uuid as portgroup_uuid'])
}

/** One port by id, UUID, name or MAC address. */
export async function findPort(
  db: Db,
  by: { id: number } | { uuid: string } | { name: string } | { address: string },
): Promise<PortRecord | undefined> {
  const [column, value] = Object.entries(by)[0] as [keyof typeof by, string | number]
  const row = await selectPorts(db)
    .where(sql.ref(`ports.${column}`), '=', value)
    .executeTakeFirst()
  return row as PortRecord | undefined
}

/** One page of ports matching the filters. */
export async function listPorts(
  db: Db,
  filters: PortFilters,
  page: PageRequest,
): Promise<PortRecord[]> {
  let q = selectPorts(db)
  const f = filters
  if (f.nodeId !== undefined) q = q.where('ports.node_id', '=', f.nodeId)
  if (f.portgroupId !== undefined) q = q.where('ports.portgroup_id', '=', f.portgroupId)
  if (f.shards !== undefined && f.shards.length > 0) q = q.where('nodes.shard', 'in', f.shards)
  if (f.conductorGroups !== undefined && f.conductorGroups.length > 0) {
    const groups = f.conductorGroups
    q = q.where((eb) => eb.fn('lower', ['nodes.conductor_group']), 'in', groups)
  }
  if (f.descriptionContains !== undefined) {
    q = q.where('ports.description', 'like', `%${f.descriptionContains}%`)
  }
  return (await paginate(q, 'ports', page).execute()) as PortRecord[]
}

/** The ports of a portgroup (all of them, for membership checks). */
export async function portsOfPortgroup(db: Db, portgroupId: number): Promise<PortRecord[]> {
  return (await selectPorts(db)
    .where('ports.portgroup_id', '=', portgroupId)
    .orderBy('ports.id')
    .execute()) as PortRecord[]
}

/** Inserts a port; returns its id. */
export async function insertPort(db: Db, values: Insertable<PortRow>): Promise<number> {
  const r = await db.insertInto('ports').values(values).returning('id').executeTakeFirstOrThrow()
  return r.id
}

/**
 * Updates a port and bumps its revision, only while the row still has `revision`
 * (compare-and-set); false when no row changed.
 */
export function updatePort(
  db: Db,
  id: number,
  changes: Updateable<PortRow>,
  opts: { revision: number; updatedAt: string },
): Promise<boolean> {
  return updateRevisioned(db, 'ports', id, changes, opts)
}

/** Deletes a port. */
export async function deletePort(db: Db, id: number): Promise<void> {
  await db.deleteFrom('ports').where('id', '=', id).execute()
}

/** True when another port than `exceptId` has this name (names are unique, as in Ironic). */
export async function portNameTaken(db: Db, name: string, exceptId = -1): Promise<boolean> {
  const row = await db
    .selectFrom('ports')
    .select('id')
    .where('name', '=', name)
    .where('id', '!=', exceptId)
    .executeTakeFirst()
  return row !== undefined
}

/** Id and sort-column value of the marker port, for keyset paging. */
export function portMarker(
  db: Db,
  uuid: string,
  sortColumn: string,
): Promise<{ id: number; value: unknown } | undefined> {
  return uuidMarker(db, 'ports', uuid, sortColumn)
}
