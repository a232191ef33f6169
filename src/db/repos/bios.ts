/**
 * @module BIOS setting rows (`bios_settings`): a node's cached settings, by name, as the API
 * lists them (Ironic's `BIOSSettingList.get_by_node_id` and `BIOSSetting.get`).
 */
import type { Kysely, Selectable } from 'kysely'
import type { BiosSettingRow, Tables } from '../tables.js'

/** One stored BIOS setting. */
export type BiosSettingRecord = Selectable<BiosSettingRow>

type Db = Kysely<Tables>

/** The node's settings, ordered by name (the primary key order of Ironic's MySQL table). */
export async function listBiosSettings(db: Db, nodeId: number): Promise<BiosSettingRecord[]> {
  return db
    .selectFrom('bios_settings')
    .selectAll()
    .where('node_id', '=', nodeId)
    .orderBy('name')
    .execute()
}

/** One setting of the node by its exact name, or undefined. */
export async function findBiosSetting(
  db: Db,
  nodeId: number,
  name: string,
): Promise<BiosSettingRecord | undefined> {
  return db
    .selectFrom('bios_settings')
    .selectAll()
    .where('node_id', '=', nodeId)
    .where('name', '=', name)
    .executeTakeFirst()
}
