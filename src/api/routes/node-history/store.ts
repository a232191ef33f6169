/** @module Reading node history rows: one by UUID, or a node's page in keyset order. */
import type { Kysely, Selectable } from 'kysely'
import { paginate } from '../../../db/repos/paging.js'
import type { NodeHistoryRow, Tables } from '../../../db/tables.js'

/** A stored history event. */
export type HistoryRecord = Selectable<NodeHistoryRow>

/** Columns a client may sort on; Ironic's `updated_at` and `version` sort like `id` here. */
export const HISTORY_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  uuid: 'uuid',
  node_id: 'node_id',
  conductor: 'conductor',
  event_type: 'event_type',
  severity: 'severity',
  event: 'event',
  user: 'user',
  project: 'project',
  state: 'state',
  target_provision_state: 'target_provision_state',
  duration_seconds: 'duration_seconds',
  created_at: 'created_at',
  updated_at: 'id',
  version: 'id',
}

/** The event with this UUID, of any node (as Ironic looks markers up), or undefined. */
export async function findHistory(
  db: Kysely<Tables>,
  uuid: string,
): Promise<HistoryRecord | undefined> {
  return db.selectFrom('node_history').selectAll().where('uuid', '=', uuid).executeTakeFirst()
}

/** One page of a node's events, ordered by `sortColumn` then id, after `marker` when given. */
export async function listHistory(
  db: Kysely<Tables>,
  nodeId: number,
  page: { limit: number; sortColumn: string; sortDir: 'asc' | 'desc'; marker?: HistoryRecord },
): Promise<HistoryRecord[]> {
  const q = db.selectFrom('node_history').selectAll().where('node_history.node_id', '=', nodeId)
  const m = page.marker
  const after = m ? { id: m.id, value: (m as Record<string, unknown>)[page.sortColumn] } : undefined
  return paginate(q, 'node_history', {
    limit: page.limit,
    after,
    sortColumn: page.sortColumn,
    sortDir: page.sortDir,
  }).execute()
}
