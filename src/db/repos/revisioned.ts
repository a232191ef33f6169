/**
 * @module What every resource table with `uuid`, `revision` and `updated_at` shares: the
 * compare-and-set update that bumps the revision (the resource's ETag), and the keyset-paging
 * marker looked up by UUID.
 */
import type { Kysely } from 'kysely'
import { sql } from '../kysely.js'
import type { Tables } from '../tables.js'

type RevisionedTable = 'chassis' | 'ports' | 'portgroups' | 'runbooks' | 'volume_connectors' | 'volume_targets'

/**
 * Updates a row and bumps its revision, only while the row still has `revision`; false when no
 * row changed (it was changed or deleted meanwhile).
 */
export async function updateRevisioned(
  db: Kysely<Tables>,
  table: RevisionedTable,
  id: number,
  changes: Record<string, unknown>,
  opts: { revision: number; updatedAt: string },
): Promise<boolean> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const r = await (db as Kysely<any>)
    .updateTable(table)
    .set({ ...changes, updated_at: opts.updatedAt })
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .where('revision', '=', opts.revision)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Id and sort-column value of the row with this UUID, for keyset paging. */
export async function uuidMarker(
  db: Kysely<Tables>,
  table: RevisionedTable,
  uuid: string,
  sortColumn: string,
): Promise<{ id: number; value: unknown } | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const row = await (db as Kysely<any>)
    .selectFrom(table)
    .select(['id', sql.ref(`${table}.${sortColumn}`).as('value')])
    .where('uuid', '=', uuid)
    .executeTakeFirst()
  return row as { id: number; value: unknown } | undefined
}
