/**
 * @module Deployment (Ironic `conductor/deployments.py`): checks and the state change happen
 * while the API waits; the deploy steps (driver steps, deploy templates, `deploy_steps`) then
 * run in the background through the shared step runner and end in `active`.
 */
import { InvalidParameterValueError, IronicError } from '../../common/errors.js'
import { canProcess, InvalidStateRequestedError } from '../../common/state-machine.js'
import { isUuidLike } from '../../common/uuid.js'
import type { StepRecord } from '../steps/driver-steps.js'
import { stepId } from '../steps/driver-steps.js'
import { DEPLOYING_INTERFACE_PRIORITY } from '../steps/priorities.js'
import {
  abortAfterCurrent,
  flowSteps,
  nextStepIndex,
  runSteps,
  type StepFlowDescriptor,
} from '../steps/runner.js'
import type { NodeTask } from '../task.js'
import { deployingError } from './deploy-errors.js'
import {
  allDeploymentSteps,
  validateDeployStepsAndTemplates,
  validateInstanceTraits,
} from './deploy-steps.js'
import {
  errorClass,
  errorText,
  InstanceDeployFailureError,
  NodeInMaintenanceError,
  NodeProtectedError,
} from './errors.js'
import { recordStepFlow } from './history.js'
import { currentStep, jsonColumn, setInternal, wipeDeployInfo } from './node-info.js'

/** The deployment step flow. */
export const DEPLOY_FLOW: StepFlowDescriptor = {
  flow: 'deploy',
  stepField: 'deploy_step',
  stepsKey: 'deploy_steps',
  indexKey: 'deploy_step_index',
  pollingKey: 'deployment_polling',
  waitState: 'wait call-back',
  failEvent: 'fail',
  priorities: DEPLOYING_INTERFACE_PRIORITY,
  historyName: () => 'deployment',
  target: () => undefined,
  async onStepError(task, step, err) {
    if (task.record.provision_state === 'deploy failed') return
    const id = stepId(step)
    const msg =
      err instanceof IronicError
        ? `Deploy step ${id} failed: ${errorText(err)}.`
        : `Deploy step ${id} failed with ${errorClass(err)}: ${errorText(err)}.`
    await deployingError(
      task,
      `Node ${task.node.uuid} failed deploy step ${id}: ${errorText(err)}`,
      { errmsg: msg },
    )
  },
  async onDone(task) {
    wipeDeployInfo(task)
    await task.save({ deploy_step: null })
    await task.transition('done')
  },
  onUnexpected: (task, message) => deployingError(task, message),
}

/** `validate_node`: maintenance, protection (rebuild) and the state allow the deployment. */
export function validateNodeForDeploy(task: NodeTask, event: 'deploy' | 'rebuild'): void {
  const { uuid } = task.node
  if (task.node.maintenance) throw new NodeInMaintenanceError('provisioning', uuid)
  if (event === 'rebuild' && task.record.protected) throw new NodeProtectedError(uuid)
  if (!canProcess(task.record.provision_state ?? '', event)) {
    throw new InvalidStateRequestedError(event, { uuid, state: task.record.provision_state })
  }
}

function prepareInstanceInfo(task: NodeTask, event: 'deploy' | 'rebuild'): Record<string, unknown> {
  const info: Record<string, unknown> = { ...task.node.instance_info }
  const columns: Record<string, unknown> = {}
  if (event === 'rebuild') {
    if (isUuidLike(info['image_source'])) {
      for (const key of ['kernel', 'ramdisk', 'boot_iso', 'original_image_source']) delete info[key]
      task.updateNode({ instance_info: info })
    }
    return columns
  }
  const project = info['project_id']
  if (typeof project === 'string' && project && task.record.lessee === null) {
    setInternal(task, { automatic_lessee: true })
    columns.lessee = project
  }
  return columns
}

/**
 * Start a deployment or rebuild (`start_deploy`): validate, move to `deploying` and hand the
 * steps to the background. The caller has checked the node with {@link validateNodeForDeploy}.
 */
export async function startDeploy(
  task: NodeTask,
  opts: {
    event: 'deploy' | 'rebuild'
    configdrive: unknown
    deploySteps: readonly StepRecord[] | null
  },
): Promise<void> {
  await task.save(prepareInstanceInfo(task, opts.event))
  try {
    await task.driver.deploy.switchInterface?.(task)
    await task.driver.power.validate(task)
    await task.driver.deploy.validate(task)
    await validateInstanceTraits(task)
    await validateDeployStepsAndTemplates(task, opts.deploySteps, true)
  } catch (err) {
    if (!(err instanceof InvalidParameterValueError)) throw err
    throw new InstanceDeployFailureError(
      `Failed to validate deploy or power info for node ${task.node.uuid}: ${err.message}`,
      err.status,
    )
  }
  await task.transition(opts.event, { lastError: null })
  task.handOff((t) => doNodeDeploy(t, opts.configdrive, opts.deploySteps))
}

async function storeConfigdrive(task: NodeTask, configdrive: unknown): Promise<boolean> {
  if (configdrive === null || configdrive === undefined || configdrive === '') return true
  try {
    task.updateNode({ instance_info: { ...task.node.instance_info, configdrive } })
    await task.save()
    return true
  } catch (err) {
    const msg = `Failed to prepare the configdrive. Exception: ${errorText(err)}`
    await deployingError(task, msg, { cleanUp: false })
    return false
  }
}

/** The background part of a deployment (`do_node_deploy`); the node is in `deploying`. */
export async function doNodeDeploy(
  task: NodeTask,
  configdrive: unknown,
  deploySteps: readonly StepRecord[] | null,
): Promise<void> {
  wipeDeployInfo(task)
  if (!(await storeConfigdrive(task, configdrive))) return
  try {
    await task.driver.deploy.prepare(task)
  } catch (err) {
    const detail =
      err instanceof IronicError ? `: ${errorText(err)}` : `. Exception: ${errorText(err)}`
    const log = `Error while preparing to deploy to node ${task.node.uuid}: ${errorText(err)}`
    return deployingError(task, log, {
      errmsg: `Failed to prepare to deploy${detail}`,
      cleanUp: false,
    })
  }
  try {
    if (deploySteps && deploySteps.length > 0) setInternal(task, { user_deploy_steps: deploySteps })
    setInternal(task, {
      deploy_steps: await allDeploymentSteps(task, true),
      deploy_step_index: null,
    })
    await task.save({ deploy_step: jsonColumn({}) })
  } catch (err) {
    const msg = `Cannot get deploy steps; failed to deploy: ${errorText(err)}`
    return deployingError(
      task,
      `Error while getting deploy steps; cannot deploy to node ${task.node.uuid}: ${errorText(err)}`,
      { errmsg: msg },
    )
  }
  const steps = flowSteps(task, DEPLOY_FLOW)
  if (steps.length === 0) {
    const log = `Error while getting deploy steps: no steps returned for node ${task.node.uuid}`
    return deployingError(task, log, { errmsg: 'No deploy steps returned by the driver' })
  }
  await recordStepFlow(task, 'deployment', steps, 'start')
  await runSteps(task, DEPLOY_FLOW, 0)
}

/** Undo an aborted deployment (`do_node_deploy_abort`); the node is in `deploy failed`. */
export async function doNodeDeployAbort(task: NodeTask): Promise<void> {
  try {
    await task.driver.deploy.cleanUp(task)
  } catch (err) {
    const log = `Failed to clean up deploying for node ${task.node.uuid} after aborting the operation. Error: ${errorText(err)}`
    return deployingError(task, log, {
      errmsg: 'Failed to clean up deploying after aborting the operation',
      cleanUp: false,
    })
  }
  const step = currentStep(task, 'deploy_step')
  let lastError = 'By request, the deploy operation was aborted'
  if (step.step)
    lastError += ` during or after the completion of step "${step.interface}.${step.step}"`
  wipeDeployInfo(task)
  await task.save({ last_error: lastError, deploy_step: jsonColumn({}) })
}

/** Go on after an asynchronous deploy step (`continue_node_deploy`); node in `deploying`. */
export async function continueNodeDeploy(task: NodeTask): Promise<void> {
  if (task.node.driver_internal_info['steps_validated'] !== true) {
    try {
      await validateDeployStepsAndTemplates(task, null, false)
      setInternal(task, {
        deploy_steps: await allDeploymentSteps(task, false),
        steps_validated: true,
      })
      await task.save()
    } catch (err) {
      const msg = `Failed to validate the final deploy steps list for node ${task.node.uuid}: ${errorText(err)}`
      return deployingError(task, msg)
    }
  }
  const next = nextStepIndex(task, DEPLOY_FLOW)
  if (abortAfterCurrent(task, DEPLOY_FLOW)) {
    await task.transition('fail')
    return doNodeDeployAbort(task)
  }
  await runSteps(task, DEPLOY_FLOW, next)
}
