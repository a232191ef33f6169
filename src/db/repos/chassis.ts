/**
 * @module Chassis rows: lookups, pages, create, update (bumping the revision) and delete.
 */
import type { Insertable, Kysely, Updateable } from 'kysely'
import type { ChassisRow, Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'
import { updateRevisioned, uuidMarker } from './revisioned.js'

/** A chassis row. */
export interface ChassisRecord extends Omit<ChassisRow, 'id' | 'revision'> {
  id: number
  revision: number
}

type Db = Kysely<Tables>

/** One chassis by id or UUID. */
export async function findChassis(
  db: Db,
  by: { id: number } | { uuid: string },
): Promise<ChassisRecord | undefined> {
  const q = db.selectFrom('chassis').selectAll()
  const row =
    'id' in by
      ? await q.where('id', '=', by.id).executeTakeFirst()
      : await q.where('uuid', '=', by.uuid).executeTakeFirst()
  return row as ChassisRecord | undefined
}

/** One page of chassis. */
export async function listChassis(db: Db, page: PageRequest): Promise<ChassisRecord[]> {
  return (await paginate(
    db.selectFrom('chassis').selectAll('chassis'),
    'chassis',
    page,
  ).execute()) as ChassisRecord[]
}

/** Inserts a chassis; returns its id. */
export async function insertChassis(db: Db, values: Insertable<ChassisRow>): Promise<number> {
  const r = await db.insertInto('chassis').values(values).returning('id').executeTakeFirstOrThrow()
  return r.id
}

/**
 * Updates a chassis and bumps its revision, only while the row still has `revision`
 * (compare-and-set); false when no row changed.
 */
export function updateChassis(
  db: Db,
  id: number,
  changes: Updateable<ChassisRow>,
  opts: { revision: number; updatedAt: string },
): Promise<boolean> {
  return updateRevisioned(db, 'chassis', id, changes, opts)
}

/** Deletes a chassis unless nodes are still in it; false when it has nodes. */
export async function deleteChassis(db: Db, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const node = await trx
      .selectFrom('nodes')
      .select('id')
      .where('chassis_id', '=', id)
      .executeTakeFirst()
    if (node) return false
    await trx.deleteFrom('chassis').where('id', '=', id).execute()
    return true
  })
}

/** Id and sort-column value of the marker chassis, for keyset paging. */
export function chassisMarker(
  db: Db,
  uuid: string,
  sortColumn: string,
): Promise<{ id: number; value: unknown } | undefined> {
  return uuidMarker(db, 'chassis', uuid, sortColumn)
}
