/**
 * @module The UNIQUE keys of Ironic's schema that 0001 left to the code (`uniq_ports0name`,
 * `uniq_portgroups0address`, `uniq_volumeconnectors0type0connector_id`,
 * `uniq_volumetargets0node_id0boot_index`, `uniq_nodefirmwareinformation0node_id0component`):
 * the checks before each write stay for their messages, and the database now settles races.
 */
import type { Kysely } from 'kysely'

const KEYS: ReadonlyArray<[table: string, columns: string[]]> = [
  ['ports', ['name']],
  ['portgroups', ['address']],
  ['volume_connectors', ['type', 'connector_id']],
  ['volume_targets', ['node_id', 'boot_index']],
  ['firmware_information', ['node_id', 'component']],
]

const indexName = (table: string, columns: string[]) => `${table}_${columns.join('_')}_key`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, columns] of KEYS) {
    await db.schema.createIndex(indexName(table, columns)).unique().on(table).columns(columns).execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, columns] of KEYS) await db.schema.dropIndex(indexName(table, columns)).execute()
}
