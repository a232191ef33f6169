/**
 * @module Volume connector rows: lookups, filtered pages, create, update (bumping the revision),
 * delete, and the (type, connector_id) uniqueness Ironic's database enforces.
 */
import type { Kysely, Updateable } from 'kysely'
import type { Tables, VolumeConnectorRow } from '../tables.js'
import type { PageRequest } from './paging.js'
import { updateRevisioned, uuidMarker } from './revisioned.js'
import {
  type VolumeFilters,
  deleteVolume,
  findVolume,
  insertVolume,
  listVolumes,
} from './volume-common.js'

/** A volume connector row with the UUID of its node. */
export interface VolumeConnectorRecord extends Omit<VolumeConnectorRow, 'id' | 'revision'> {
  id: number
  revision: number
  node_uuid: string | null
}

type Db = Kysely<Tables>
const TABLE = 'volume_connectors'

/** One volume connector by id or UUID. */
export function findVolumeConnector(
  db: Db,
  by: { id: number } | { uuid: string },
): Promise<VolumeConnectorRecord | undefined> {
  return findVolume<VolumeConnectorRecord>(db, TABLE, by)
}

/** One page of volume connectors matching the filters. */
export function listVolumeConnectors(
  db: Db,
  filters: VolumeFilters,
  page: PageRequest,
): Promise<VolumeConnectorRecord[]> {
  return listVolumes<VolumeConnectorRecord>(db, TABLE, filters, page)
}

/** Inserts a volume connector; returns its id. */
export function insertVolumeConnector(
  db: Db,
  values: Omit<VolumeConnectorRow, 'id' | 'revision' | 'updated_at'>,
): Promise<number> {
  return insertVolume(db, TABLE, values)
}

/**
 * Updates a volume connector and bumps its revision, only while the row still has `revision`
 * (compare-and-set); false when no row changed.
 */
export function updateVolumeConnector(
  db: Db,
  id: number,
  changes: Updateable<VolumeConnectorRow>,
  opts: { revision: number; updatedAt: string },
): Promise<boolean> {
  return updateRevisioned(db, TABLE, id, changes, opts)
}

/** Deletes a volume connector; false when it was already gone. */
export function deleteVolumeConnector(db: Db, id: number): Promise<boolean> {
  return deleteVolume(db, TABLE, id)
}

/** True when another connector than `exceptId` has this type and connector ID. */
export async function volumeConnectorTaken(
  db: Db,
  key: { type: string; connector_id: string },
  exceptId = -1,
): Promise<boolean> {
  const row = await db
    .selectFrom(TABLE)
    .select('id')
    .where('type', '=', key.type)
    .where('connector_id', '=', key.connector_id)
    .where('id', '!=', exceptId)
    .executeTakeFirst()
  return row !== undefined
}

/** Id and sort-column value of the marker connector, for keyset paging. */
export function volumeConnectorMarker(
  db: Db,
  uuid: string,
  sortColumn: string,
): Promise<{ id: number; value: unknown } | undefined> {
  return uuidMarker(db, TABLE, uuid, sortColumn)
}
