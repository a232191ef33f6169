/**
 * @module RPC methods of provisioning, by Ironic's names (`do_node_deploy`,
 * `do_node_tear_down`, `do_provisioning_action`, `do_node_clean`, `do_node_rescue`...). Each
 * checks what must fail synchronously under the node's lock, moves the node to its transient
 * state and hands the lock to background work; the API then answers 202.
 */
import { InvalidParameterValueError } from '../../common/errors.js'
import { canProcess, InvalidStateRequestedError } from '../../common/state-machine.js'
import { doProvisioningAction } from '../flows/actions.js'
import { continueNodeClean, doNodeClean } from '../flows/clean.js'
import { continueNodeDeploy, startDeploy, validateNodeForDeploy } from '../flows/deploy.js'
import { InvalidStateRequestedMessageError, NodeInMaintenanceError } from '../flows/errors.js'
import { startInspection } from '../flows/inspect.js'
import { startRescue, startUnrescue } from '../flows/rescue.js'
import { continueNodeService, startService } from '../flows/service.js'
import { startTearDown } from '../flows/undeploy.js'
import type { RpcMethod } from '../rpc/types.js'
import type { StepRecord } from '../steps/driver-steps.js'
import { withTask, type NodeTask } from '../task.js'
import type { ConductorService } from '../service.js'

type Params = Record<string, unknown>

function steps(value: unknown): StepRecord[] | null {
  return Array.isArray(value) ? (value as StepRecord[]) : null
}

function onNode(purpose: string, fn: (task: NodeTask, p: Params) => Promise<void>): RpcMethod {
  return async (svc: ConductorService, p: Params) => {
    await withTask(svc.ctx, { uuid: String(p.node_id) }, { purpose }, (task) => fn(task, p))
    return null
  }
}

async function manualClean(task: NodeTask, p: Params): Promise<void> {
  const { uuid } = task.node
  if (task.node.maintenance) throw new NodeInMaintenanceError('cleaning', uuid)
  try {
    await task.driver.power.validate(task)
    await task.driver.network.validate(task)
  } catch (err) {
    if (!(err instanceof InvalidParameterValueError)) throw err
    throw new InvalidParameterValueError(
      `Validation of node ${uuid} for cleaning failed: ${err.message}`,
    )
  }
  if (!canProcess(task.record.provision_state ?? '', 'clean')) {
    throw new InvalidStateRequestedError('manual clean', {
      uuid,
      state: task.record.provision_state,
    })
  }
  const cleanSteps = steps(p.clean_steps) ?? []
  const disableRamdisk = p.disable_ramdisk === true
  await task.transition('clean', { target: 'manageable', lastError: null })
  task.handOff((t) => doNodeClean(t, cleanSteps, disableRamdisk))
}

/** `continue_node_*`: the node must wait in one of `expected`; resume and go on. */
function continueIn(
  expected: readonly string[],
  what: string,
  run: (task: NodeTask) => Promise<void>,
): (task: NodeTask) => Promise<void> {
  return async (task) => {
    const state = task.record.provision_state ?? ''
    if (!expected.includes(state)) {
      const { uuid } = task.node
      throw new InvalidStateRequestedMessageError(
        what === 'cleaning'
          ? `Cannot continue cleaning on ${uuid}, node is in ${state} state, should be ${expected.join(', ')}`
          : `Cannot continue ${what} on ${uuid}. Node is in ${state} state; should be in one of ${expected.join(', ')}`,
      )
    }
    const manual = task.record.target_provision_state === 'manageable'
    if (state.endsWith('wait') || state === 'wait call-back') {
      await task.transition('resume', manual ? { target: 'manageable' } : {})
    }
    task.handOff(run)
  }
}

/** The provisioning RPC methods. */
export const PROVISION_METHODS: Readonly<Record<string, RpcMethod>> = {
  do_node_deploy: onNode('node deployment', async (task, p) => {
    const event = p.rebuild === true ? 'rebuild' : 'deploy'
    validateNodeForDeploy(task, event)
    await startDeploy(task, {
      event,
      configdrive: p.configdrive ?? null,
      deploySteps: steps(p.deploy_steps),
    })
  }),
  do_node_tear_down: onNode('node tear down', (task) => startTearDown(task)),
  do_provisioning_action: onNode('provision action', (task, p) =>
    doProvisioningAction(task, String(p.action)),
  ),
  do_node_clean: onNode('node manual cleaning', manualClean),
  do_node_rescue: onNode('node rescue', (task, p) => startRescue(task, String(p.rescue_password))),
  do_node_unrescue: onNode('node unrescue', (task) => startUnrescue(task)),
  inspect_hardware: onNode('hardware inspection', (task) => startInspection(task)),
  do_node_service: onNode('node service', (task, p) =>
    startService(task, steps(p.service_steps) ?? [], p.disable_ramdisk === true),
  ),
  continue_node_clean: onNode(
    'continue node cleaning',
    continueIn(['clean wait'], 'cleaning', continueNodeClean),
  ),
  continue_node_deploy: onNode(
    'continue node deploying',
    continueIn(['wait call-back', 'deploying'], 'deploying', continueNodeDeploy),
  ),
  continue_node_service: onNode(
    'continue node servicing',
    continueIn(['service wait', 'servicing'], 'servicing', continueNodeService),
  ),
}
