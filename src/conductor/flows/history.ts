/**
 * @module Node history entries written by the provisioning flows (Ironic's
 * `node_history_record` and `log_step_flow_history`). An error entry also becomes the node's
 * `last_error`, saved with the task's next save.
 */
import { maskDictPassword } from '../../common/mask.js'
import { recordHistory as writeHistory } from '../history.js'
import type { StepRecord } from '../steps/driver-steps.js'
import { pyRepr } from '../../common/python-repr.js'
import type { NodeTask } from '../task.js'

/** One history event. */
export interface HistoryEvent {
  readonly event: string
  /** Ironic's `event_type`: `provisioning`, `cleaning`, `deploying`, `introspection`... */
  readonly eventType: string
  /** An error also sets `last_error` (and severity `ERROR`). */
  readonly error?: boolean
  readonly user?: string | null
}

/**
 * Write a history row (through the conductor's `recordHistory`) with the node's current state,
 * target and time spent in it. An error also stages `last_error` on the task, saved next.
 */
export async function recordHistory(task: NodeTask, e: HistoryEvent): Promise<void> {
  if (!e.event) return
  if (e.error) task.updateNode({ last_error: e.event })
  await writeHistory(task.ctx, task.record.id, {
    event: e.event,
    severity: e.error ? 'ERROR' : 'INFO',
    event_type: e.eventType || 'UNKNOWN',
    user: e.user ?? null,
  })
}

/** Ironic's `StepFlow` values. */
export type StepFlowName = 'manual_cleaning' | 'automated_cleaning' | 'deployment' | 'servicing'

function titleCase(s: string): string {
  return s.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
}

function maskArgs(steps: readonly StepRecord[]): unknown[] {
  return steps.map((s) => {
    const args = s.args
    if (args === null || typeof args !== 'object' || Array.isArray(args)) return s
    return { ...s, args: maskDictPassword(args as Record<string, unknown>, '***') }
  })
}

/**
 * The start and end milestones of a step flow (`[conductor]record_step_flows_in_history`,
 * on by default upstream): `Starting deployment with steps=[...]`, `Deployment completed
 * successfully with steps=[...]`, or `... aborted at step 'x' with steps=[...]` (an error).
 */
export async function recordStepFlow(
  task: NodeTask,
  flow: StepFlowName,
  steps: readonly StepRecord[],
  status: 'start' | 'end',
  abortedStep?: string,
): Promise<void> {
  const words = flow.replace(/_/g, ' ')
  const list = pyRepr(maskArgs(steps))
  let event: string
  if (status === 'start') event = `Starting ${words} with steps=${list}`
  else if (abortedStep !== undefined)
    event = `${titleCase(words)} aborted at step '${abortedStep}' with steps=${list}`
  else event = `${titleCase(words)} completed successfully with steps=${list}`
  // An aborted flow is an error entry; the failure handler's own entry, written next, then
  // replaces last_error with the step's message, as in Ironic.
  await recordHistory(task, {
    event,
    eventType: `${flow}_${status}`,
    error: abortedStep !== undefined,
  })
}
