/**
 * @module Cleaning (Ironic `conductor/cleaning.py`): automated cleaning runs the enabled clean
 * steps of the node's interfaces and ends in `available`; manual cleaning runs the steps the
 * user asked for and ends in `manageable`. Steps run through the shared step runner.
 */
import type { StepOutcome } from '../../drivers/steps.js'
import { driverSteps, type StepRecord } from '../steps/driver-steps.js'
import { CLEANING_INTERFACE_PRIORITY } from '../steps/priorities.js'
import { pyRepr } from '../../common/python-repr.js'
import {
  abortAfterCurrent,
  flowSteps,
  nextStepIndex,
  runSteps,
  type StepFlowDescriptor,
} from '../steps/runner.js'
import { validateUserSteps } from '../steps/validate.js'
import type { NodeTask } from '../task.js'
import { cleanAbortMessage, cleaningError, isManualClean } from './clean-errors.js'
import { errorText } from './errors.js'
import { recordStepFlow } from './history.js'
import { currentStep, internal, jsonColumn, setInternal, wipeCleaningInfo } from './node-info.js'
import { provisionSettings } from './settings.js'

async function finishCleaning(task: NodeTask): Promise<void> {
  const manual = isManualClean(task)
  const disableRamdisk = internal(task, 'cleaning_disable_ramdisk') === true
  wipeCleaningInfo(task)
  await task.save({ clean_step: null })
  if (!disableRamdisk) {
    try {
      await task.driver.deploy.tearDownCleaning?.(task)
    } catch (err) {
      const msg = `Failed to tear down from cleaning for node ${task.node.uuid}, reason: ${errorText(err)}`
      await cleaningError(task, msg, { tearDown: false })
      return
    }
  }
  await task.driver.deploy.restoreInterface?.(task)
  await task.transition(manual || Boolean(task.record.retired) ? 'manage' : 'done')
}

/** The cleaning step flow. */
export const CLEAN_FLOW: StepFlowDescriptor = {
  flow: 'clean',
  stepField: 'clean_step',
  stepsKey: 'clean_steps',
  indexKey: 'clean_step_index',
  pollingKey: 'cleaning_polling',
  waitState: 'clean wait',
  failEvent: 'fail',
  priorities: CLEANING_INTERFACE_PRIORITY,
  historyName: (task) => (isManualClean(task) ? 'manual_cleaning' : 'automated_cleaning'),
  target: (task) => (isManualClean(task) ? 'manageable' : undefined),
  async onStepError(task, _step, err) {
    const step = currentStep(task, 'clean_step')
    await cleaningError(
      task,
      `Node ${task.node.uuid} failed step ${pyRepr(step)}: ${errorText(err)}`,
    )
  },
  onDone: finishCleaning,
  onUnexpected: (task, message) => cleaningError(task, message),
}

/** Whether automated cleaning is off for the node (`skip_automated_cleaning`). */
export function skipAutomatedCleaning(task: NodeTask): boolean {
  const own = task.record.automated_clean
  if (own === null || own === undefined) return !provisionSettings(task.ctx).automated_clean
  return !own
}

/** Compose and store the node's clean steps (`set_node_cleaning_steps`). */
function setCleaningSteps(task: NodeTask, disableRamdisk: boolean, useExisting: boolean): void {
  const steps = useExisting
    ? validateUserSteps(task, flowSteps(task, CLEAN_FLOW), 'clean', { disableRamdisk })
    : driverSteps(task, 'clean', { enabled: true, sort: true })
  setInternal(task, { clean_steps: steps, clean_step_index: null })
}

async function prepareCleaning(
  task: NodeTask,
  disableRamdisk: boolean,
): Promise<StepOutcome | undefined> {
  if (disableRamdisk) return undefined
  return task.driver.deploy.prepareCleaning?.(task)
}

async function validateForCleaning(task: NodeTask, disableRamdisk: boolean): Promise<boolean> {
  try {
    await task.driver.power.validate(task)
    if (!disableRamdisk) await task.driver.network.validate(task)
    return true
  } catch (err) {
    await cleaningError(
      task,
      `Validation of node ${task.node.uuid} for cleaning failed: ${errorText(err)}`,
    )
    return false
  }
}

/** Automated cleaning is off: straight to `available`. */
async function skipCleaning(task: NodeTask): Promise<void> {
  await task.save({ clean_step: null })
  await task.driver.deploy.restoreInterface?.(task)
  await task.transition('done')
}

/**
 * Clean the node (Ironic `do_node_clean`); the node is in `cleaning`. `cleanSteps` is `null`
 * for automated cleaning and the user's steps for manual cleaning.
 */
export async function doNodeClean(
  task: NodeTask,
  cleanSteps: readonly StepRecord[] | null,
  disableRamdisk = false,
): Promise<void> {
  const manual = cleanSteps !== null
  if (!manual && skipAutomatedCleaning(task)) return skipCleaning(task)
  if (!provisionSettings(task.ctx).allow_provisioning_in_maintenance && task.node.maintenance) {
    return cleaningError(task, 'Cleaning a node in maintenance mode is not allowed', {
      tearDown: false,
    })
  }
  if (!(await validateForCleaning(task, disableRamdisk))) return
  wipeCleaningInfo(task)
  if (cleanSteps) {
    setInternal(task, {
      clean_steps: cleanSteps,
      cleaning_disable_ramdisk: disableRamdisk,
      declarative_cleaning: true,
    })
  }
  await task.save()
  let prepared: StepOutcome | undefined
  try {
    prepared = await prepareCleaning(task, disableRamdisk)
  } catch (err) {
    return cleaningError(
      task,
      `Failed to prepare node ${task.node.uuid} for cleaning: ${errorText(err)}`,
    )
  }
  if (prepared?.kind === 'wait')
    return task.transition('wait', manual ? { target: 'manageable' } : {})
  try {
    setCleaningSteps(task, disableRamdisk, manual)
  } catch (err) {
    return cleaningError(task, `Cannot clean node ${task.node.uuid}: ${errorText(err)}`)
  }
  await task.save({ clean_step: jsonColumn({}) })
  const steps = flowSteps(task, CLEAN_FLOW)
  await recordStepFlow(task, CLEAN_FLOW.historyName(task), steps, 'start')
  await runSteps(task, CLEAN_FLOW, steps.length > 0 ? 0 : null)
}

/** Undo cleaning after an abort (`do_node_clean_abort`); the node is in `clean failed`. */
export async function doNodeCleanAbort(task: NodeTask): Promise<void> {
  try {
    await task.driver.deploy.tearDownCleaning?.(task)
  } catch (err) {
    const msg = `Failed to tear down cleaning for node ${task.node.uuid} after aborting the operation. Error: ${errorText(err)}`
    await cleaningError(task, msg, {
      errmsg: 'Failed to tear down cleaning after aborting the operation',
      tearDown: false,
      setFailState: false,
    })
    return
  }
  const lastError = cleanAbortMessage(task)
  wipeCleaningInfo(task)
  await task.save({ last_error: lastError, clean_step: null })
}

/** Go on after an asynchronous clean step finished (`continue_node_clean`); node in `cleaning`. */
export async function continueNodeClean(task: NodeTask): Promise<void> {
  const next = nextStepIndex(task, CLEAN_FLOW)
  if (abortAfterCurrent(task, CLEAN_FLOW)) {
    await task.transition('fail', isManualClean(task) ? { target: 'manageable' } : {})
    await doNodeCleanAbort(task)
    return
  }
  await runSteps(task, CLEAN_FLOW, next)
}
