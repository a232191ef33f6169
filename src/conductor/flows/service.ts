/**
 * @module Servicing an active node (Ironic `conductor/servicing.py`): run the service steps the
 * user asked for, back to `active`; failures go to `service failed` (and maintenance when a
 * step was running), `abort` from there returns to `active`.
 */
import { canProcess, InvalidStateRequestedError } from '../../common/state-machine.js'
import type { StepRecord } from '../steps/driver-steps.js'
import { SERVICING_INTERFACE_PRIORITY } from '../steps/priorities.js'
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
import { errorText, NodeInMaintenanceError } from './errors.js'
import { recordHistory, recordStepFlow } from './history.js'
import {
  clearAsyncFlags,
  currentStep,
  internal,
  jsonColumn,
  setInternal,
  wipeServiceInfo,
  wipeTokenAndUrl,
} from './node-info.js'

const SERVICE_STATES: ReadonlySet<string> = new Set(['servicing', 'service wait', 'service failed'])

/** Put a node whose servicing failed in `service failed` (`servicing_error_handler`). */
export async function servicingError(
  task: NodeTask,
  logmsg: string,
  opts: { errmsg?: string; tearDown?: boolean; setFailState?: boolean } = {},
): Promise<void> {
  task.ctx.log.error({ node: task.node.uuid }, logmsg)
  const setMaintenance = Object.keys(currentStep(task, 'service_step')).length > 0
  let errmsg = opts.errmsg ?? logmsg
  const columns: Record<string, unknown> = {}
  if (setMaintenance) Object.assign(columns, { fault: 'service failure', maintenance: 1 })
  if (opts.tearDown ?? true) {
    try {
      await task.driver.deploy.tearDownService?.(task)
    } catch {
      errmsg = `${errmsg}. Also failed to tear down servicing.`
    }
  }
  if (SERVICE_STATES.has(task.record.provision_state ?? '')) {
    columns.service_step = jsonColumn({})
    setInternal(task, { service_step_index: undefined })
    clearAsyncFlags(task)
    wipeTokenAndUrl(task)
  }
  await recordHistory(task, { event: errmsg, eventType: 'servicing', error: true })
  if (!task.record.maintenance_reason && setMaintenance) columns.maintenance_reason = errmsg
  await task.save(columns)
  const state = task.record.provision_state ?? ''
  if ((opts.setFailState ?? true) && state !== 'service failed' && canProcess(state, 'fail'))
    await task.transition('fail')
}

async function finishServicing(task: NodeTask): Promise<void> {
  const disableRamdisk = internal(task, 'service_disable_ramdisk') === true
  wipeServiceInfo(task)
  await task.save({ service_step: null })
  if (!disableRamdisk) {
    try {
      await task.driver.deploy.tearDownService?.(task)
    } catch (err) {
      const msg = `Failed to tear down from service for node ${task.node.uuid}, reason: ${errorText(err)}`
      return servicingError(task, msg, { tearDown: false })
    }
  }
  await task.transition('done')
}

/** The servicing step flow. */
export const SERVICE_FLOW: StepFlowDescriptor = {
  flow: 'service',
  stepField: 'service_step',
  stepsKey: 'service_steps',
  indexKey: 'service_step_index',
  pollingKey: 'servicing_polling',
  waitState: 'service wait',
  failEvent: 'fail',
  priorities: SERVICING_INTERFACE_PRIORITY,
  historyName: () => 'servicing',
  target: () => undefined,
  async onStepError(task, _step, err) {
    const step = currentStep(task, 'service_step')
    await servicingError(
      task,
      `Node ${task.node.uuid} failed step ${pyRepr(step)}: ${errorText(err)}`,
    )
  },
  onDone: finishServicing,
  onUnexpected: (task, message) => servicingError(task, message),
}

/** Check and start servicing (`do_node_service`): maintenance refused, power/network validated. */
export async function startService(
  task: NodeTask,
  steps: readonly StepRecord[],
  disableRamdisk: boolean,
): Promise<void> {
  const { uuid } = task.node
  if (task.node.maintenance) throw new NodeInMaintenanceError('service', uuid)
  await task.driver.power.validate(task)
  await task.driver.network.validate(task)
  if (!canProcess(task.record.provision_state ?? '', 'service')) {
    throw new InvalidStateRequestedError('service', { uuid, state: task.record.provision_state })
  }
  await task.transition('service', { target: 'active', lastError: null })
  task.handOff((t) => doNodeService(t, steps, disableRamdisk))
}

/** The background part of servicing; the node is in `servicing`. */
export async function doNodeService(
  task: NodeTask,
  steps: readonly StepRecord[],
  disableRamdisk: boolean,
): Promise<void> {
  try {
    await task.driver.power.validate(task)
    if (!disableRamdisk) await task.driver.network.validate(task)
  } catch (err) {
    return servicingError(
      task,
      `Validation of node ${task.node.uuid} for service failed: ${errorText(err)}`,
    )
  }
  wipeServiceInfo(task)
  setInternal(task, { service_steps: steps, service_disable_ramdisk: disableRamdisk })
  await task.save()
  try {
    const validated = validateUserSteps(task, steps, 'service', { disableRamdisk })
    setInternal(task, { service_steps: validated, service_step_index: null })
    await task.save({ service_step: jsonColumn({}) })
  } catch (err) {
    return servicingError(task, `Cannot service node ${task.node.uuid}: ${errorText(err)}`)
  }
  const list = flowSteps(task, SERVICE_FLOW)
  await recordStepFlow(task, 'servicing', list, 'start')
  const needsRamdisk = list.some((s) => s.requires_ramdisk === true)
  if (needsRamdisk && !disableRamdisk) {
    try {
      const prepared = await task.driver.deploy.prepareService?.(task)
      if (prepared?.kind === 'wait') return task.transition('wait')
    } catch (err) {
      return servicingError(
        task,
        `Failed to prepare node ${task.node.uuid} for service: ${errorText(err)}`,
      )
    }
  } else {
    setInternal(task, { service_disable_ramdisk: true })
    await task.save()
  }
  await runSteps(task, SERVICE_FLOW, list.length > 0 ? 0 : null)
}

/** Undo servicing after an abort (`do_node_service_abort`); back in `active`. */
export async function doNodeServiceAbort(task: NodeTask): Promise<void> {
  try {
    await task.driver.deploy.tearDownService?.(task)
  } catch (err) {
    const log = `Failed to tear down service for node ${task.node.uuid} after aborting the operation. Error: ${errorText(err)}`
    return servicingError(task, log, {
      errmsg: 'Failed to tear down service after aborting the operation',
      tearDown: false,
      setFailState: false,
    })
  }
  const step = currentStep(task, 'service_step')
  let lastError = 'By request, the service operation was aborted'
  if (step.step)
    lastError += ` during or after the completion of step "${step.interface}.${step.step}"`
  wipeServiceInfo(task)
  await task.save({ last_error: lastError, service_step: null })
}

/** Go on after an asynchronous service step (`continue_node_service`); node in `servicing`. */
export async function continueNodeService(task: NodeTask): Promise<void> {
  const next = nextStepIndex(task, SERVICE_FLOW)
  if (abortAfterCurrent(task, SERVICE_FLOW)) {
    await task.transition('fail')
    return doNodeServiceAbort(task)
  }
  await runSteps(task, SERVICE_FLOW, next)
}
