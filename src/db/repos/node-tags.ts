/**
 * @module Node tags (`node_tags`): list, replace, add and remove, each bumping the node's
 * revision (its ETag) and `updated_at` when the set of tags changes.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../tables.js'

type Db = Kysely<Tables>

/**
 * How a change went: applied, nothing to do, the tag to remove was absent, or the node
 * changed (or vanished) since the caller checked its revision.
 */
export type TagChange = 'changed' | 'unchanged' | 'absent' | 'stale'

export interface TagWriteOptions {
  /** Timestamp for `updated_at` and new rows' `created_at`. */
  now: string
  /** Apply only while the node still has this revision (If-Match). */
  revision?: number | undefined
}

/** The tags of a node, sorted. */
export async function listTags(db: Db, nodeId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('node_tags')
    .select('tag')
    .where('node_id', '=', nodeId)
    .orderBy('tag')
    .execute()
  return rows.map((r) => r.tag)
}

/**
 * Bumps a node's revision and `updated_at`; with `revision`, only while the node still has
 * it. Returns false when no row changed.
 */
export async function touchNode(db: Db, nodeId: number, opts: TagWriteOptions): Promise<boolean> {
  let q = db
    .updateTable('nodes')
    .set({ updated_at: opts.now })
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', nodeId)
  if (opts.revision !== undefined) q = q.where('revision', '=', opts.revision)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Makes `tags` the node's whole set of tags. */
export async function replaceTags(
  db: Db,
  nodeId: number,
  tags: readonly string[],
  opts: TagWriteOptions,
): Promise<TagChange> {
  return db.transaction().execute(async (trx) => {
    const current = new Set(await listTags(trx, nodeId))
    const wanted = new Set(tags)
    const added = [...wanted].filter((t) => !current.has(t))
    const removed = [...current].filter((t) => !wanted.has(t))
    if (added.length === 0 && removed.length === 0) return 'unchanged'
    if (!(await touchNode(trx, nodeId, opts))) return 'stale'
    if (removed.length > 0) {
      await trx
        .deleteFrom('node_tags')
        .where('node_id', '=', nodeId)
        .where('tag', 'in', removed)
        .execute()
    }
    await insertTags(trx, nodeId, added, opts.now)
    return 'changed'
  })
}

/** Adds one tag (nothing to do when the node already has it). */
export async function addTag(
  db: Db,
  nodeId: number,
  tag: string,
  opts: TagWriteOptions,
): Promise<TagChange> {
  return db.transaction().execute(async (trx) => {
    if (await hasTag(trx, nodeId, tag)) return 'unchanged'
    if (!(await touchNode(trx, nodeId, opts))) return 'stale'
    await insertTags(trx, nodeId, [tag], opts.now)
    return 'changed'
  })
}

/** Removes one tag; `absent` when the node does not have it. */
export async function removeTag(
  db: Db,
  nodeId: number,
  tag: string,
  opts: TagWriteOptions,
): Promise<TagChange> {
  return db.transaction().execute(async (trx) => {
    if (!(await hasTag(trx, nodeId, tag))) return 'absent'
    if (!(await touchNode(trx, nodeId, opts))) return 'stale'
    await trx.deleteFrom('node_tags').where('node_id', '=', nodeId).where('tag', '=', tag).execute()
    return 'changed'
  })
}

/** Removes every tag of a node. */
export async function removeAllTags(
  db: Db,
  nodeId: number,
  opts: TagWriteOptions,
): Promise<TagChange> {
  return replaceTags(db, nodeId, [], opts)
}

/** True when the node has the tag. */
export async function hasTag(db: Db, nodeId: number, tag: string): Promise<boolean> {
  const row = await db
    .selectFrom('node_tags')
    .select('tag')
    .where('node_id', '=', nodeId)
    .where('tag', '=', tag)
    .executeTakeFirst()
  return row !== undefined
}

async function insertTags(
  trx: Transaction<Tables>,
  nodeId: number,
  tags: readonly string[],
  now: string,
) {
  if (tags.length === 0) return
  await trx
    .insertInto('node_tags')
    .values(tags.map((tag) => ({ node_id: nodeId, tag, created_at: now })))
    .onConflict((oc) => oc.columns(['node_id', 'tag']).doNothing())
    .execute()
}
