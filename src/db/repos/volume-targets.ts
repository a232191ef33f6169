/**
 * @module Volume target rows: lookups, filtered pages, create, update (bumping the revision),
 * delete, and the (node_id, boot_index) uniqueness Ironic's database enforces.
 */
import type { Kysely, Updateable } from 'kysely'
import type { Tables, VolumeTargetRow } from '../tables.js'
import type { PageRequest } from './paging.js'
import { updateRevisioned, uuidMarker } from './revisioned.js'
import {
  type VolumeFilters,
  deleteVolume,
  findVolume,
  insertVolume,
  listVolumes,
} from './volume-common.js'

/** A volume target row with the UUID of its node. */
export interface VolumeTargetRecord extends Omit<VolumeTargetRow, 'id' | 'revision'> {
  id: number
  revision: number
  node_uuid: string | null
}

type Db = Kysely<Tables>
const TABLE = 'volume_targets'

/** One volume target by id or UUID. */
export function findVolumeTarget(
  db: Db,
  by: { id: number } | { uuid: string },
): Promise<VolumeTargetRecord | undefined> {
  return findVolume<VolumeTargetRecord>(db, TABLE, by)
}

/** One page of volume targets matching the filters. */
export function listVolumeTargets(
  db: Db,
  filters: VolumeFilters,
  page: PageRequest,
): Promise<VolumeTargetRecord[]> {
  return listVolumes<VolumeTargetRecord>(db, TABLE, filters, page)
}

/** Inserts a volume target; returns its id. */
export function insertVolumeTarget(
  db: Db,
  values: Omit<VolumeTargetRow, 'id' | 'revision' | 'updated_at'>,
): Promise<number> {
  return insertVolume(db, TABLE, values)
}

/**
 * Updates a volume target and bumps its revision, only while the row still has `revision`
 * (compare-and-set); false when no row changed.
 */
export function updateVolumeTarget(
  db: Db,
  id: number,
  changes: Updateable<VolumeTargetRow>,
  opts: { revision: number; updatedAt: string },
): Promise<boolean> {
  return updateRevisioned(db, TABLE, id, changes, opts)
}

/** Deletes a volume target; false when it was already gone. */
export function deleteVolumeTarget(db: Db, id: number): Promise<boolean> {
  return deleteVolume(db, TABLE, id)
}

/** True when another target than `exceptId` of the node has this boot index. */
export async function bootIndexTaken(
  db: Db,
  key: { node_id: number | null; boot_index: number },
  exceptId = -1,
): Promise<boolean> {
  // Like a UNIQUE constraint, targets without a node never collide.
  if (key.node_id === null) return false
  const row = await db
    .selectFrom(TABLE)
    .select('id')
    .where('node_id', '=', key.node_id)
    .where('boot_index', '=', key.boot_index)
    .where('id', '!=', exceptId)
    .executeTakeFirst()
  return row !== undefined
}

/** Id and sort-column value of the marker target, for keyset paging. */
export function volumeTargetMarker(
  db: Db,
  uuid: string,
  sortColumn: string,
): Promise<{ id: number; value: unknown } | undefined> {
  return uuidMarker(db, TABLE, uuid, sortColumn)
}
