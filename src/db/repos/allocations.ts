/**
 * @module Allocation rows: lookups (with the UUID of the allocated node), filtered pages,
 * create, update (assigning a node writes the node's `instance_uuid`, `allocation_id` and
 * `instance_info.traits` in the same transaction, as Ironic's `update_allocation`) and delete
 * (which frees the node).
 */
import type { Kysely } from 'kysely'
import type { AllocationRow, Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'

type Db = Kysely<Tables>

/** A stored allocation with its node's UUID. */
export interface AllocationRecord extends Omit<AllocationRow, 'id' | 'revision'> {
  id: number
  revision: number
  node_uuid: string | null
}

/** Filters of the allocation list. */
export interface AllocationFilters {
  nodeId?: number
  resourceClass?: string
  state?: string
  owner?: string
}

/** The columns a new allocation needs. */
export type NewAllocation = Omit<AllocationRow, 'id' | 'revision' | 'updated_at'>

function selectAllocations(db: Db) {
  return db
    .selectFrom('allocations')
    .leftJoin('nodes', 'nodes.id', 'allocations.node_id')
    .selectAll('allocations')
    .select('nodes.uuid as node_uuid')
}

/** The allocation with this UUID, name or id. */
export async function findAllocation(
  db: Db,
  by: { uuid: string } | { name: string } | { id: number } | { nodeId: number },
): Promise<AllocationRecord | undefined> {
  const q = selectAllocations(db)
  const row =
    'uuid' in by
      ? await q.where('allocations.uuid', '=', by.uuid).executeTakeFirst()
      : 'name' in by
        ? await q.where('allocations.name', '=', by.name).executeTakeFirst()
        : 'id' in by
          ? await q.where('allocations.id', '=', by.id).executeTakeFirst()
          : await q
              .where('allocations.node_id', '=', by.nodeId)
              .orderBy('allocations.id')
              .executeTakeFirst()
  return row as AllocationRecord | undefined
}

/** A filtered page of allocations. */
export async function listAllocations(
  db: Db,
  f: AllocationFilters,
  page: PageRequest,
): Promise<AllocationRecord[]> {
  let q = selectAllocations(db)
  if (f.nodeId !== undefined) q = q.where('allocations.node_id', '=', f.nodeId)
  if (f.resourceClass !== undefined) q = q.where('allocations.resource_class', '=', f.resourceClass)
  if (f.state !== undefined) q = q.where('allocations.state', '=', f.state)
  if (f.owner !== undefined) q = q.where('allocations.owner', '=', f.owner)
  return (await paginate(q, 'allocations', page).execute()) as AllocationRecord[]
}

/** The marker row of a page. */
export async function allocationMarker(
  db: Db,
  uuid: string,
  sortKey: string,
): Promise<{ id: number; value: unknown } | undefined> {
  const row = await findAllocation(db, { uuid })
  return row
    ? { id: row.id, value: (row as unknown as Record<string, unknown>)[sortKey] }
    : undefined
}

/** Insert an allocation; returns its id. */
export async function insertAllocation(db: Db, row: NewAllocation): Promise<number> {
  const r = await db.insertInto('allocations').values(row).returning('id').executeTakeFirstOrThrow()
  return r.id
}

/** Why assigning a node failed: it already runs another instance. */
export class NodeAlreadyAssociated extends Error {
  constructor(
    readonly node: string,
    readonly instance: string,
  ) {
    super(`Node ${node} is associated with instance ${instance}.`)
  }
}

async function assignNode(
  trx: Db,
  allocation: { id: number; uuid: string; traits: string | null },
  nodeId: number,
): Promise<void> {
  const node = await trx
    .selectFrom('nodes')
    .select(['uuid', 'instance_uuid', 'instance_info'])
    .where('id', '=', nodeId)
    .executeTakeFirstOrThrow()
  if (node.instance_uuid && node.instance_uuid !== allocation.uuid)
    throw new NodeAlreadyAssociated(node.uuid, node.instance_uuid)
  const info = node.instance_info ? (JSON.parse(node.instance_info) as Record<string, unknown>) : {}
  info.traits = allocation.traits ? (JSON.parse(allocation.traits) as unknown) : []
  await trx
    .updateTable('nodes')
    .set({
      allocation_id: allocation.id,
      instance_uuid: allocation.uuid,
      instance_info: JSON.stringify(info),
    })
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', nodeId)
    .execute()
}

/**
 * Update an allocation, bumping its revision. With `node_id` set (and `updateNode`), the node
 * gets the allocation: `instance_uuid` = the allocation's UUID, `allocation_id`, and
 * `instance_info.traits` = its traits.
 *
 * @throws NodeAlreadyAssociated, or a unique violation on `instance_uuid`/`name`.
 */
export async function updateAllocation(
  db: Db,
  id: number,
  values: Partial<Omit<AllocationRow, 'id' | 'revision' | 'uuid'>>,
  updateNode = true,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('allocations')
      .set(values)
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', id)
      .execute()
    if (values.node_id && updateNode) {
      const row = await trx
        .selectFrom('allocations')
        .select(['id', 'uuid', 'traits'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      await assignNode(trx, row, values.node_id)
    }
  })
}

/** Delete an allocation and free its node (`allocation_id` and `instance_uuid` cleared). */
export async function deleteAllocation(db: Db, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('nodes')
      .set({ allocation_id: null, instance_uuid: null })
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('allocation_id', '=', id)
      .execute()
    await trx.deleteFrom('allocations').where('id', '=', id).execute()
  })
}
