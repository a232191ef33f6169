/**
 * @module Failure handling of cleaning (Ironic's `cleaning_error_handler`): the node goes to
 * `clean failed`, and into maintenance with fault `clean failure` when a step was running.
 */
import { canProcess } from '../../common/state-machine.js'
import type { NodeTask } from '../task.js'
import { errorText } from './errors.js'
import { recordHistory } from './history.js'
import {
  clearAsyncFlags,
  currentStep,
  jsonColumn,
  setInternal,
  wipeTokenAndUrl,
} from './node-info.js'

/** Options of {@link cleaningError}. */
export interface CleaningErrorOptions {
  /** The message for the user when it differs from the logged one. */
  readonly errmsg?: string
  /** Tear the cleaning environment down (default true). */
  readonly tearDown?: boolean
  /** Move to `clean failed` (default true). */
  readonly setFailState?: boolean
  /** Default: when a clean step was running. */
  readonly setMaintenance?: boolean
}

const CLEANING_STATES: ReadonlySet<string> = new Set(['cleaning', 'clean wait', 'clean failed'])

/** Whether the node is cleaning back to `manageable` (manual cleaning). */
export function isManualClean(task: NodeTask): boolean {
  return task.record.target_provision_state === 'manageable'
}

async function tearDownCleaning(task: NodeTask, errmsg: string): Promise<string> {
  try {
    await task.driver.deploy.tearDownCleaning?.(task)
    return errmsg
  } catch (err) {
    const why = `Failed to tear down cleaning on node ${task.node.uuid}, reason: ${errorText(err)}`
    return `${errmsg}. Also ${why}`
  }
}

/** Put a node whose cleaning failed in `clean failed` (and maintenance when a step failed). */
export async function cleaningError(
  task: NodeTask,
  logmsg: string,
  opts: CleaningErrorOptions = {},
): Promise<void> {
  task.ctx.log.error({ node: task.node.uuid }, logmsg)
  const setMaintenance =
    opts.setMaintenance ?? Object.keys(currentStep(task, 'clean_step')).length > 0
  let errmsg = opts.errmsg ?? logmsg
  const columns: Record<string, unknown> = {}
  if (setMaintenance) Object.assign(columns, { fault: 'clean failure', maintenance: 1 })
  if (opts.tearDown ?? true) errmsg = await tearDownCleaning(task, errmsg)
  if (CLEANING_STATES.has(task.record.provision_state ?? '')) {
    columns.clean_step = jsonColumn({})
    setInternal(task, { clean_step_index: undefined })
    clearAsyncFlags(task)
    wipeTokenAndUrl(task)
  }
  const manual = isManualClean(task)
  await recordHistory(task, { event: errmsg, eventType: 'cleaning', error: true })
  if (!task.record.maintenance_reason && setMaintenance) columns.maintenance_reason = errmsg
  await task.save(columns)
  await task.driver.deploy.restoreInterface?.(task)
  const state = task.record.provision_state ?? ''
  if ((opts.setFailState ?? true) && state !== 'clean failed' && canProcess(state, 'fail')) {
    await task.transition('fail', manual ? { target: 'manageable' } : {})
  }
}

/** `last_error` of an aborted cleaning (Ironic's `cleaning.get_last_error`). */
export function cleanAbortMessage(task: NodeTask): string {
  const step = currentStep(task, 'clean_step')
  const base = 'By request, the clean operation was aborted'
  return step.step
    ? `${base} during or after the completion of step "${step.interface}.${step.step}"`
    : base
}
