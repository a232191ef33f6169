/**
 * @module Inspection data rows (`node_inventory`): the inventory and plugin data of a node's
 * last inspection (Ironic's `[inventory]data_backend = database`).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../tables.js'

type Db = Kysely<Tables>

/** A node's stored inspection data, JSON decoded (`null` columns read as `{}`, as Ironic's do). */
export interface InventoryRecord {
  node_id: number
  inventory: Record<string, unknown>
  plugin_data: Record<string, unknown>
  created_at: string
}

function decode(text: string | null): Record<string, unknown> {
  if (text === null || text === '') return {}
  const v = JSON.parse(text) as unknown
  const isObject = v !== null && typeof v === 'object' && !Array.isArray(v)
  return isObject ? (v as Record<string, unknown>) : {}
}

/**
 * The node's newest inspection data, or undefined when none was stored. Ironic keeps one row
 * per node now but reads the newest in case older databases hold several.
 */
export async function findInventory(db: Db, nodeId: number): Promise<InventoryRecord | undefined> {
  const row = await db
    .selectFrom('node_inventory')
    .selectAll()
    .where('node_id', '=', nodeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  if (!row) return undefined
  return {
    node_id: row.node_id,
    inventory: decode(row.inventory_data),
    plugin_data: decode(row.plugin_data),
    created_at: row.created_at,
  }
}

/**
 * Stores a node's inspection data, replacing what was stored before (Ironic's
 * `create_node_inventory`: delete, then insert, in one transaction).
 * @example await saveInventory(db, node.id, { cpu: { count: 2 } }, {}, isoTimestamp(clock.now()))
 */
export async function saveInventory(
  db: Db,
  nodeId: number,
  inventory: Readonly<Record<string, unknown>>,
  pluginData: Readonly<Record<string, unknown>>,
  createdAt: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('node_inventory').where('node_id', '=', nodeId).execute()
    await trx
      .insertInto('node_inventory')
      .values({
        node_id: nodeId,
        inventory_data: JSON.stringify(inventory),
        plugin_data: JSON.stringify(pluginData),
        created_at: createdAt,
      })
      .execute()
  })
}

/** Deletes a node's inspection data; false when it had none. */
export async function deleteInventory(db: Db, nodeId: number): Promise<boolean> {
  const r = await db.deleteFrom('node_inventory').where('node_id', '=', nodeId).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
