/**
 * @module The one step runner of cleaning, deployment and servicing (Ironic's
 * `do_next_clean_step`, `do_next_deploy_step` and `do_next_service_step`), driven by a flow
 * descriptor. It records the running step on the node, runs it, and parks the flow in the
 * wait or hold state when a step asks; `continueSteps` picks it up again (agent heartbeats).
 */
import { IronicError } from '../../common/errors.js'
import type { ProvisionState } from '../../common/state-machine.js'
import { findStep, type StepArgs, type StepFlow, type StepOutcome } from '../../drivers/steps.js'
import type { DriverInterfaces, InterfaceKind } from '../../drivers/types.js'
import { recordStepFlow, type StepFlowName } from '../flows/history.js'
import {
  currentStep,
  internal,
  jsonColumn,
  setInternal,
  type StepField,
} from '../flows/node-info.js'
import { provisionSettings } from '../flows/settings.js'
import { nodePowerAction } from '../methods/power.js'
import type { NodeTask } from '../task.js'
import type { StepRecord } from './driver-steps.js'
import type { InterfacePriorities } from './priorities.js'
import { runReservedStep } from './reserved.js'

/** What the runner needs to know about a step flow. */
export interface StepFlowDescriptor {
  readonly flow: Exclude<StepFlow, 'verify'>
  /** The node column holding the running step. */
  readonly stepField: StepField
  /** `driver_internal_info` keys of the step list and the running step's index. */
  readonly stepsKey: string
  readonly indexKey: string
  /** The `driver_internal_info` flag of an asynchronous step being polled. */
  readonly pollingKey: string
  /** Where a step that continues asynchronously parks the node (`clean wait`...). */
  readonly waitState: ProvisionState
  readonly failEvent: 'fail'
  readonly priorities: InterfacePriorities
  /** The history name of the flow (manual and automated cleaning differ). */
  historyName(task: NodeTask): StepFlowName
  /** The stable target kept through wait and hold (`manageable` for manual cleaning). */
  target(task: NodeTask): string | undefined
  /** A step failed: move the node to the failed state with Ironic's message. */
  onStepError(task: NodeTask, step: StepRecord, err: unknown): Promise<void>
  /** All steps are done: finish the flow. */
  onDone(task: NodeTask): Promise<void>
  /** Something other than a step failed (Ironic's `fail_on_error`): fail with `message`. */
  onUnexpected(task: NodeTask, message: string): Promise<void>
}

/** The node's step list of the flow. */
export function flowSteps(task: NodeTask, d: StepFlowDescriptor): StepRecord[] {
  const steps = internal(task, d.stepsKey)
  return Array.isArray(steps) ? (steps as StepRecord[]) : []
}

async function executeStep(task: NodeTask, flow: StepFlow, step: StepRecord): Promise<StepOutcome> {
  const driver = task.driver as Partial<DriverInterfaces>
  const iface = driver[step.interface as InterfaceKind]
  const found = iface ? findStep(iface, flow, step.step) : undefined
  if (!found) {
    throw new IronicError(
      `The ${step.interface} interface of node ${task.node.uuid} has no ${flow} step ${step.step}`,
      {
        code: 'STEP_NOT_FOUND',
        status: 400,
      },
    )
  }
  return found.run(task, (step.args ?? {}) as StepArgs)
}

async function park(task: NodeTask, d: StepFlowDescriptor, event: 'wait' | 'hold'): Promise<void> {
  if (event === 'wait' && task.record.provision_state === d.waitState) {
    await task.save()
    return
  }
  const target = d.target(task)
  await task.transition(event, target === undefined ? {} : { target })
}

/** Run one step; `true` when the flow goes on with the next one. */
async function runOne(task: NodeTask, d: StepFlowDescriptor, step: StepRecord): Promise<boolean> {
  let outcome: StepOutcome
  try {
    setInternal(task, { [d.pollingKey]: undefined })
    const reserved = await runReservedStep(step, {
      hold: () => park(task, d, 'hold'),
      wait: () => park(task, d, 'wait'),
      power: (target) => nodePowerAction(task, target),
      maxWaitSeconds: provisionSettings(task.ctx).max_conductor_wait_step_seconds,
    })
    if (reserved === 'exit') return false
    outcome = reserved === 'used' ? { kind: 'done' } : await executeStep(task, d.flow, step)
  } catch (err) {
    await recordStepFlow(task, d.historyName(task), flowSteps(task, d), 'end', step.step)
    await d.onStepError(task, step, err)
    return false
  }
  if (task.record.provision_state?.endsWith('failed')) return false
  if (outcome.kind === 'done') return true
  await park(task, d, outcome.kind)
  return false
}

/**
 * Run the flow's steps from `startIndex` (none left: `null`), saving each as the node's
 * running step first. Ends in `onDone`, a parked flow, or `onStepError`.
 */
export async function runSteps(
  task: NodeTask,
  d: StepFlowDescriptor,
  startIndex: number | null,
): Promise<void> {
  try {
    for (let i = startIndex ?? Infinity; i < flowSteps(task, d).length; i++) {
      const step = flowSteps(task, d)[i] as StepRecord
      setInternal(task, { [d.indexKey]: i })
      await task.save({ [d.stepField]: jsonColumn(step) })
      if (!(await runOne(task, d, step))) return
    }
    await recordStepFlow(task, d.historyName(task), flowSteps(task, d), 'end')
    await d.onDone(task)
  } catch (err) {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    await d.onUnexpected(task, `Unexpected error when processing next ${d.flow} step. ${what}`)
  }
}

/**
 * The index to go on from after the running step (`update_next_step_index`): the next one,
 * or the same one when the driver asked not to skip it; `null` when none is left.
 */
export function nextStepIndex(task: NodeTask, d: StepFlowDescriptor): number | null {
  const skipKey = `skip_current_${d.flow}_step`
  const skip = internal(task, skipKey) ?? true
  setInternal(task, { [skipKey]: undefined })
  if (Object.keys(currentStep(task, d.stepField)).length === 0) return 0
  const index = internal(task, d.indexKey)
  if (typeof index !== 'number') return null
  const next = skip === false ? index : index + 1
  return next >= flowSteps(task, d).length ? null : next
}

/** Whether the running step was marked to abort the flow once it completes. */
export function abortAfterCurrent(task: NodeTask, d: StepFlowDescriptor): boolean {
  return currentStep(task, d.stepField).abort_after === true
}
