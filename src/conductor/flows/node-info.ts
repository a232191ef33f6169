/**
 * @module Small helpers over a task's node: `driver_internal_info` edits (Ironic's
 * `set_driver_internal_info`/`del_driver_internal_info`), the JSON step columns, and the
 * `wipe_*_internal_info` families of `conductor/utils.py`.
 */
import type { ExclusiveTask, Task } from '../../drivers/types.js'
import type { StepRecord } from '../steps/driver-steps.js'
import type { NodeTask } from '../task.js'

/** The node's step column of a flow. */
export type StepField = 'clean_step' | 'deploy_step' | 'service_step'

/** Set (or with `undefined`, delete) keys of `driver_internal_info`; saved by the next save. */
export function setInternal(task: ExclusiveTask, changes: Readonly<Record<string, unknown>>): void {
  const info: Record<string, unknown> = { ...task.node.driver_internal_info }
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete info[key]
    else info[key] = value
  }
  task.updateNode({ driver_internal_info: info })
}

/** A `driver_internal_info` value. */
export function internal(task: Task, key: string): unknown {
  return task.node.driver_internal_info[key]
}

/** The column value of a JSON field: `null` stays SQL NULL. */
export function jsonColumn(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}

/** The node's current step in a flow (`{}` when none), decoded from its column. */
export function currentStep(task: NodeTask, field: StepField): Partial<StepRecord> {
  const raw = task.record[field]
  if (!raw) return {}
  const value = JSON.parse(raw) as unknown
  return value !== null && typeof value === 'object' ? (value as StepRecord) : {}
}

/** Remove the agent's URL and token (`wipe_token_and_url`). */
export function wipeTokenAndUrl(task: ExclusiveTask): void {
  setInternal(task, {
    agent_secret_token: undefined,
    agent_secret_token_pregenerated: undefined,
    agent_url: undefined,
    agent_verify_ca: undefined,
  })
}

const ASYNC_FLAGS = [
  'cleaning_reboot',
  'cleaning_polling',
  'skip_current_clean_step',
  'deployment_reboot',
  'deployment_polling',
  'skip_current_deploy_step',
  'servicing_reboot',
  'servicing_polling',
  'skip_current_service_step',
]

function removeAsyncFlags(): Record<string, undefined> {
  return Object.fromEntries(ASYNC_FLAGS.map((k) => [k, undefined]))
}

/** Remove every reboot, polling and skip-step flag (`async_steps.remove_node_flags`). */
export function clearAsyncFlags(task: ExclusiveTask): void {
  setInternal(task, removeAsyncFlags())
}

/** `wipe_deploy_internal_info` (the agent is never fast-track here, so the token goes too). */
export function wipeDeployInfo(task: ExclusiveTask): void {
  wipeTokenAndUrl(task)
  setInternal(task, {
    deploy_steps: null,
    user_deploy_steps: undefined,
    agent_cached_deploy_steps: undefined,
    deploy_step_index: undefined,
    steps_validated: undefined,
    image_source: undefined,
    agent_start_attempted: undefined,
    ...removeAsyncFlags(),
  })
}

/** `wipe_cleaning_internal_info`. */
export function wipeCleaningInfo(task: ExclusiveTask): void {
  wipeTokenAndUrl(task)
  setInternal(task, {
    clean_steps: null,
    agent_cached_clean_steps: undefined,
    clean_step_index: undefined,
    cleaning_disable_ramdisk: undefined,
    steps_validated: undefined,
    declarative_cleaning: undefined,
    agent_start_attempted: undefined,
    ...removeAsyncFlags(),
  })
}

/** `wipe_service_internal_info`. */
export function wipeServiceInfo(task: ExclusiveTask): void {
  wipeTokenAndUrl(task)
  setInternal(task, {
    service_steps: null,
    agent_cached_service_steps: undefined,
    service_step_index: undefined,
    service_disable_ramdisk: undefined,
    steps_validated: undefined,
    image_source: undefined,
    agent_start_attempted: undefined,
    ...removeAsyncFlags(),
  })
}
