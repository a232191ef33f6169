/** @module Node history: one row per notable event of a node (Ironic's `node_history_record`). */
import { isoTimestamp } from '../common/clock.js'
import { newUuid } from '../common/uuid.js'
import type { ConductorContext } from './context.js'

/** Severities Ironic writes; it uses only `INFO` and `ERROR`, drivers may add others. */
export type HistorySeverity = 'INFO' | 'ERROR' | (string & {})

/** What happened, as `GET /v1/nodes/{node}/history` shows it. */
export interface HistoryEvent {
  /** The text; an empty event records nothing, as in Ironic. */
  readonly event: string
  /** `INFO` unless said otherwise. */
  readonly severity?: HistorySeverity
  /** The activity (`provisioning`, `cleaning`, a `HistoryEventType`...); `UNKNOWN` when absent. */
  readonly event_type?: string | null
  readonly user?: string | null
  readonly project?: string | null
  /** The conductor's hostname unless given. */
  readonly conductor?: string
}

/** The node fields a history row copies (state, target and time spent in the state). */
interface NodeSnapshot {
  provision_state: string | null
  target_provision_state: string | null
  provision_updated_at: string | null
}

async function snapshot(ctx: ConductorContext, nodeId: number): Promise<NodeSnapshot | undefined> {
  return ctx.db
    .selectFrom('nodes')
    .select(['provision_state', 'target_provision_state', 'provision_updated_at'])
    .where('id', '=', nodeId)
    .executeTakeFirst()
}

/** Whole seconds since `since` (Python's `int(delta.total_seconds())`), or null. */
function secondsSince(since: string | null, now: Date): number | null {
  if (since === null) return null
  const then = Date.parse(since)
  return Number.isNaN(then) ? null : Math.trunc((now.getTime() - then) / 1000)
}

/**
 * Records an event in the node's history with the node's current provision state, target and
 * the seconds spent since `provision_updated_at`; nothing when `[conductor]node_history` is
 * off. Setting `last_error` is the caller's job
 * (Ironic's `error=True` only sets the field on the object it is given).
 * @returns the event's UUID, or undefined when `event` is empty or the node is gone
 * @example await recordHistory(ctx, task.record.id, { event: msg, severity: 'ERROR' })
 */
export async function recordHistory(
  ctx: ConductorContext,
  nodeId: number,
  ev: HistoryEvent,
): Promise<string | undefined> {
  if (!ev.event || ctx.config?.conductor.node_history === false) return undefined
  const node = await snapshot(ctx, nodeId)
  if (!node) return undefined
  const now = ctx.clock.now()
  const uuid = newUuid()
  await ctx.db
    .insertInto('node_history')
    .values({
      uuid,
      node_id: nodeId,
      conductor: ev.conductor ?? ctx.hostname,
      event_type: ev.event_type || 'UNKNOWN',
      severity: ev.severity ?? 'INFO',
      event: ev.event,
      user: ev.user ?? null,
      project: ev.project ?? null,
      state: node.provision_state,
      target_provision_state: node.target_provision_state,
      duration_seconds: secondsSince(node.provision_updated_at, now),
      created_at: isoTimestamp(now),
    })
    .execute()
  return uuid
}

/** Shorthand for an `ERROR` event (the caller also puts `event` in `last_error`). */
export function recordError(
  ctx: ConductorContext,
  nodeId: number,
  event: string,
  eventType?: string,
): Promise<string | undefined> {
  return recordHistory(ctx, nodeId, {
    event,
    severity: 'ERROR',
    ...(eventType === undefined ? {} : { event_type: eventType }),
  })
}
