/**
 * @module What the volume connector and volume target tables share: rows with the UUID of their
 * node, lookups, filtered pages (by node, or by the project owning or leasing the node), insert
 * and delete. The typed functions live in `volume-connectors.ts` and `volume-targets.ts`.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'

/** The two volume tables. */
export type VolumeTable = 'volume_connectors' | 'volume_targets'

/** The filters of a volume list (combined with AND). */
export interface VolumeFilters {
  nodeId?: number
  /** Ironic's `add_volume_*_filter_by_node_project`: the node's owner or lessee. */
  project?: string
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

function selectVolumes(db: Kysely<Tables>, table: VolumeTable) {
  return (db as AnyDb)
    .selectFrom(table)
    .leftJoin('nodes', 'nodes.id', `${table}.node_id`)
    .selectAll(table)
    .select('nodes.uuid as node_uuid')
}

/** One row by id or UUID, with its node's UUID. */
export async function findVolume<R>(
  db: Kysely<Tables>,
  table: VolumeTable,
  by: { id: number } | { uuid: string },
): Promise<R | undefined> {
  const q = selectVolumes(db, table)
  const row =
    'id' in by
      ? await q.where(`${table}.id`, '=', by.id).executeTakeFirst()
      : await q.where(`${table}.uuid`, '=', by.uuid).executeTakeFirst()
  return row as R | undefined
}

/** One page of rows matching the filters. */
export async function listVolumes<R>(
  db: Kysely<Tables>,
  table: VolumeTable,
  filters: VolumeFilters,
  page: PageRequest,
): Promise<R[]> {
  let q = selectVolumes(db, table)
  if (filters.nodeId !== undefined) q = q.where(`${table}.node_id`, '=', filters.nodeId)
  const project = filters.project
  if (project !== undefined) {
    q = q.where((eb) => eb.or([eb('nodes.owner', '=', project), eb('nodes.lessee', '=', project)]))
  }
  return (await paginate(q, table, page).execute()) as R[]
}

/** Inserts a row; returns its id. */
export async function insertVolume(
  db: Kysely<Tables>,
  table: VolumeTable,
  values: Record<string, unknown>,
): Promise<number> {
  const r = await (db as AnyDb)
    .insertInto(table)
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow()
  return (r as { id: number }).id
}

/** Deletes a row; false when it was already gone. */
export async function deleteVolume(
  db: Kysely<Tables>,
  table: VolumeTable,
  id: number,
): Promise<boolean> {
  const r = await (db as AnyDb).deleteFrom(table).where('id', '=', id).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
