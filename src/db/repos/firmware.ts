/**
 * @module Firmware component rows (`firmware_information`): the components of a node and their
 * versions, as a firmware interface caches them (Ironic's `FirmwareComponent` and
 * `FirmwareComponentList`, `db/sqlalchemy/api.py` `*_firmware_component*`).
 */
import type { Kysely, Selectable } from 'kysely'
import type { FirmwareComponentRow, Tables } from '../tables.js'

/** One stored firmware component. */
export type FirmwareComponentRecord = Selectable<FirmwareComponentRow>

/** What a new component records (`create_firmware_component`'s values). */
export interface NewFirmwareComponent {
  component: string
  initial_version: string
  current_version?: string | null
  last_version_flashed?: string | null
  vendor?: string | null
  model?: string | null
  serial_number?: string | null
  created_at: string
}

/** What `update_firmware_component` may change. */
export interface FirmwareComponentChanges {
  current_version?: string | null
  last_version_flashed?: string | null
  vendor?: string | null
  model?: string | null
  serial_number?: string | null
  updated_at: string
}

type Db = Kysely<Tables>

/** Code-unit order of component names, the same on every dialect and collation. */
function byComponent(a: FirmwareComponentRecord, b: FirmwareComponentRecord): number {
  if (a.component !== b.component) return a.component < b.component ? -1 : 1
  return a.id - b.id
}

/**
 * The node's components ordered by name. Ironic's query has no ORDER BY; its databases read the
 * rows through the unique (node_id, component) index, so they come by component ('BIOS' before
 * 'bmc'). Anvil sorts by code unit so that both dialects agree whatever their collation.
 */
export async function listFirmwareComponents(
  db: Db,
  nodeId: number,
): Promise<FirmwareComponentRecord[]> {
  const rows = await db
    .selectFrom('firmware_information')
    .selectAll()
    .where('node_id', '=', nodeId)
    .execute()
  return rows.sort(byComponent)
}

/** One component of the node by its exact name, or undefined. */
export async function findFirmwareComponent(
  db: Db,
  nodeId: number,
  component: string,
): Promise<FirmwareComponentRecord | undefined> {
  return db
    .selectFrom('firmware_information')
    .selectAll()
    .where('node_id', '=', nodeId)
    .where('component', '=', component)
    .orderBy('id')
    .executeTakeFirst()
}

/**
 * Records a component of the node. Returns undefined, storing nothing, when the node already
 * has a component of that name (Ironic's `FirmwareComponentAlreadyExists`).
 * @example
 * await createFirmwareComponent(db, id, { component: 'bmc', initial_version: '1', created_at })
 */
export async function createFirmwareComponent(
  db: Db,
  nodeId: number,
  values: NewFirmwareComponent,
): Promise<FirmwareComponentRecord | undefined> {
  return db.transaction().execute(async (trx) => {
    if (await findFirmwareComponent(trx, nodeId, values.component)) return undefined
    await trx
      .insertInto('firmware_information')
      .values({
        node_id: nodeId,
        component: values.component,
        initial_version: values.initial_version,
        current_version: values.current_version ?? null,
        last_version_flashed: values.last_version_flashed ?? null,
        vendor: values.vendor ?? null,
        model: values.model ?? null,
        serial_number: values.serial_number ?? null,
        created_at: values.created_at,
        updated_at: null,
      })
      .execute()
    return findFirmwareComponent(trx, nodeId, values.component)
  })
}

/**
 * Changes a component of the node; undefined when the node has no component of that name
 * (Ironic's `FirmwareComponentNotFound`).
 */
export async function updateFirmwareComponent(
  db: Db,
  nodeId: number,
  component: string,
  changes: FirmwareComponentChanges,
): Promise<FirmwareComponentRecord | undefined> {
  const r = await db
    .updateTable('firmware_information')
    .set(changes)
    .where('node_id', '=', nodeId)
    .where('component', '=', component)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) === 0) return undefined
  return findFirmwareComponent(db, nodeId, component)
}
