/**
 * @module Node rows: lookups, filtered pages, create, update (bumping the revision) and delete.
 */
import type { Insertable, Kysely, SelectQueryBuilder, Updateable } from 'kysely'
import type { NodeRow, Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'

/** A node row with the UUIDs of the rows it points to. */
export interface NodeRecord extends Omit<NodeRow, 'id' | 'revision'> {
  id: number
  revision: number
  chassis_uuid: string | null
  allocation_uuid: string | null
}

export interface NodeFilters {
  chassisId?: number
  instanceUuid?: string
  associated?: boolean
  maintenance?: boolean
  retired?: boolean
  provisionState?: string
  driver?: string
  resourceClass?: string
  fault?: string
  conductorGroup?: string
  owner?: string
  lessee?: string
  /** owner OR lessee */
  project?: string
  descriptionContains?: string
  shards?: string[]
  sharded?: boolean
  parentNode?: string
  includeChildren?: boolean
  instanceName?: string
  /** every tag must be present */
  tags?: string[]
  /** restrict to these ids (e.g. the nodes a conductor owns) */
  ids?: number[]
}

type Db = Kysely<Tables>

function selectNodes(db: Db) {
  return db
    .selectFrom('nodes')
    .leftJoin('chassis', 'chassis.id', 'nodes.chassis_id')
    .leftJoin('allocations', 'allocations.id', 'nodes.allocation_id')
    .selectAll('nodes')
    .select(['chassis.uuid as chassis_uuid', 'allocations.uuid as allocation_uuid'])
}

export async function findNode(
  db: Db,
  by: { uuid: string } | { name: string } | { id: number },
): Promise<NodeRecord | undefined> {
  const q = selectNodes(db)
  const row =
    'uuid' in by
      ? await q.where('nodes.uuid', '=', by.uuid).executeTakeFirst()
      : 'name' in by
        ? await q.where('nodes.name', '=', by.name).executeTakeFirst()
        : await q.where('nodes.id', '=', by.id).executeTakeFirst()
  return row as NodeRecord | undefined
}

/** Every node, unpaged (periodic tasks). */
export async function allNodes(db: Db): Promise<NodeRecord[]> {
  return (await selectNodes(db).orderBy('nodes.id').execute()) as NodeRecord[]
}

export async function listNodes(db: Db, filters: NodeFilters, page: PageRequest): Promise<NodeRecord[]> {
  return (await paginate(withFilters(selectNodes(db), filters), 'nodes', page).execute()) as NodeRecord[]
}

/** What identifies a node's current representation: enough to reuse a cached view. */
export interface NodeKey {
  id: number
  uuid: string
  revision: number
  reservation: string | null
  driver: string
  conductor_group: string
}

/** The keys of a filtered page of nodes (same filters and order as listNodes). */
export async function listNodeKeys(db: Db, filters: NodeFilters, page: PageRequest): Promise<NodeKey[]> {
  const q = db
    .selectFrom('nodes')
    .select(['nodes.id', 'nodes.uuid', 'nodes.revision', 'nodes.reservation', 'nodes.driver', 'nodes.conductor_group'])
  return (await paginate(withFilters(q, filters), 'nodes', page).execute()) as NodeKey[]
}

/** Full rows of the given node ids (any order). */
export async function nodesByIds(db: Db, ids: readonly number[]): Promise<NodeRecord[]> {
  const out: NodeRecord[] = []
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000)
    out.push(...((await selectNodes(db).where('nodes.id', 'in', chunk).execute()) as NodeRecord[]))
  }
  return out
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type NodeQuery = SelectQueryBuilder<any, any, any>

function withFilters<Q extends NodeQuery>(query: Q, filters: NodeFilters): Q {
  let q = query as NodeQuery
  const f = filters
  if (f.chassisId !== undefined) q = q.where('nodes.chassis_id', '=', f.chassisId)
  if (f.instanceUuid !== undefined) q = q.where('nodes.instance_uuid', '=', f.instanceUuid)
  if (f.associated !== undefined) {
    q = q.where('nodes.instance_uuid', f.associated ? 'is not' : 'is', null)
  }
  if (f.maintenance !== undefined) q = q.where('nodes.maintenance', '=', f.maintenance ? 1 : 0)
  if (f.retired !== undefined) {
    q = f.retired
      ? q.where('nodes.retired', '=', 1)
      : q.where((eb) => eb.or([eb('nodes.retired', '=', 0), eb('nodes.retired', 'is', null)]))
  }
  if (f.provisionState !== undefined) q = q.where('nodes.provision_state', '=', f.provisionState)
  if (f.driver !== undefined) q = q.where('nodes.driver', '=', f.driver)
  if (f.resourceClass !== undefined) q = q.where('nodes.resource_class', '=', f.resourceClass)
  if (f.fault !== undefined) q = q.where('nodes.fault', '=', f.fault)
  if (f.conductorGroup !== undefined) {
    q = q.where((eb) => eb.fn('lower', ['nodes.conductor_group']), '=', f.conductorGroup.toLowerCase())
  }
  if (f.owner !== undefined) q = q.where('nodes.owner', '=', f.owner)
  if (f.lessee !== undefined) q = q.where('nodes.lessee', '=', f.lessee)
  if (f.project !== undefined) {
    const p = f.project
    q = q.where((eb) => eb.or([eb('nodes.owner', '=', p), eb('nodes.lessee', '=', p)]))
  }
  if (f.descriptionContains !== undefined) {
    const pattern = `%${f.descriptionContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where((eb) => eb('nodes.description', 'like', eb.val(pattern)))
  }
  if (f.shards !== undefined) q = q.where('nodes.shard', 'in', f.shards)
  if (f.sharded !== undefined) q = q.where('nodes.shard', f.sharded ? 'is not' : 'is', null)
  if (f.parentNode !== undefined) q = q.where('nodes.parent_node', '=', f.parentNode)
  else if (f.includeChildren === false) q = q.where('nodes.parent_node', 'is', null)
  if (f.instanceName !== undefined) q = q.where('nodes.instance_name', '=', f.instanceName)
  if (f.ids !== undefined) q = q.where('nodes.id', 'in', f.ids.length > 0 ? f.ids : [-1])
  for (const tag of f.tags ?? []) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('node_tags')
          .select('node_tags.node_id')
          .whereRef('node_tags.node_id', '=', 'nodes.id')
          .where('node_tags.tag', '=', tag),
      ),
    )
  }
  return q as Q
}

/** Trait names per node id, for a page of nodes. */
export async function traitsByNode(db: Db, nodeIds: readonly number[]): Promise<Map<number, string[]>> {
  return namesByNode(db, 'node_traits', 'trait', nodeIds)
}

/** Tag names per node id. */
export async function tagsByNode(db: Db, nodeIds: readonly number[]): Promise<Map<number, string[]>> {
  return namesByNode(db, 'node_tags', 'tag', nodeIds)
}

async function namesByNode(
  db: Db,
  table: 'node_traits' | 'node_tags',
  column: 'trait' | 'tag',
  nodeIds: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>()
  if (nodeIds.length === 0) return out
  const CHUNK = 5000
  for (let i = 0; i < nodeIds.length; i += CHUNK) {
    const rows = (await db
      .selectFrom(table)
      .select(['node_id', `${column} as name`])
      .where('node_id', 'in', nodeIds.slice(i, i + CHUNK))
      .orderBy('node_id')
      .orderBy(column)
      .execute()) as Array<{ node_id: number; name: string }>
    for (const r of rows) {
      const list = out.get(r.node_id)
      if (list) list.push(r.name)
      else out.set(r.node_id, [r.name])
    }
  }
  return out
}

/** Inserts a node and returns it as stored; `chassisUuid` is the UUID of `values.chassis_id`. */
export async function insertNode(
  db: Db,
  values: Insertable<NodeRow>,
  chassisUuid: string | null,
): Promise<NodeRecord> {
  const row = await db.insertInto('nodes').values(values).returningAll().executeTakeFirstOrThrow()
  return { ...row, chassis_uuid: chassisUuid, allocation_uuid: null } as NodeRecord
}

/**
 * Updates a node and bumps its revision. With `revision`, only when the row still has it
 * (compare-and-set); returns false when no row changed.
 */
export async function updateNode(
  db: Db,
  id: number,
  changes: Updateable<NodeRow>,
  opts: { revision?: number; updatedAt: string },
): Promise<boolean> {
  let q = db
    .updateTable('nodes')
    .set({ ...changes, updated_at: opts.updatedAt })
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
  if (opts.revision !== undefined) q = q.where('revision', '=', opts.revision)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function deleteNode(db: Db, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('ports').where('node_id', '=', id).execute()
    await trx.deleteFrom('portgroups').where('node_id', '=', id).execute()
    await trx.deleteFrom('nodes').where('id', '=', id).execute()
  })
}

/** Value of the sort column on the marker row, for keyset paging. */
export async function nodeMarker(
  db: Db,
  uuid: string,
  sortColumn: string,
): Promise<{ id: number; value: unknown } | undefined> {
  const row = await findNode(db, { uuid })
  if (!row) return undefined
  return { id: row.id, value: (row as unknown as Record<string, unknown>)[sortColumn] }
}
