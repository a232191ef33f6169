/**
 * @module The `abort` verb (Ironic `_do_abort`): what aborting means depends on the state the
 * node waits in. A running step that cannot be aborted is only marked `abort_after`.
 */
import type { NodeTask } from '../task.js'
import { cleanAbortMessage, isManualClean } from './clean-errors.js'
import { doNodeCleanAbort } from './clean.js'
import { doNodeDeployAbort } from './deploy.js'
import { ConductorInvalidStateError } from './errors.js'
import { abortInspection } from './inspect.js'
import { currentStep, jsonColumn, setInternal, type StepField } from './node-info.js'
import { doRescueAbort } from './rescue.js'
import { doNodeServiceAbort } from './service.js'

/** States `abort` is handled in (`do_provisioning_action`). */
export const ABORTABLE_STATES: ReadonlySet<string> = new Set([
  'clean wait',
  'rescue wait',
  'inspect wait',
  'clean hold',
  'wait call-back',
  'deploy hold',
  'service wait',
  'service hold',
  'service failed',
])

/** A running step that cannot be aborted is flagged to abort once it completes: `true`. */
async function deferAbort(task: NodeTask, field: StepField): Promise<boolean> {
  const step = currentStep(task, field)
  if (Object.keys(step).length === 0 || step.abortable) return false
  if (!step.abort_after) await task.save({ [field]: jsonColumn({ ...step, abort_after: true }) })
  return true
}

async function abortCleaning(task: NodeTask): Promise<void> {
  if (await deferAbort(task, 'clean_step')) return
  const target = isManualClean(task) ? { target: 'manageable' } : {}
  await task.transition('abort', { ...target, lastError: cleanAbortMessage(task) })
  task.handOff(doNodeCleanAbort)
}

async function abortServicing(task: NodeTask): Promise<void> {
  if (await deferAbort(task, 'service_step')) return
  await task.transition('fail')
  await task.transition('abort', { lastError: null })
  task.handOff(doNodeServiceAbort)
}

async function abortDeploying(task: NodeTask): Promise<void> {
  if (task.record.provision_state === 'wait call-back' && (await deferAbort(task, 'deploy_step')))
    return
  setInternal(task, { agent_url: undefined })
  await task.transition('abort', { lastError: null })
  task.handOff(doNodeDeployAbort)
}

async function abortServiceFailed(task: NodeTask): Promise<void> {
  if (task.node.maintenance) {
    throw new ConductorInvalidStateError(
      `Can not abort service on node "${task.node.uuid}" while it is in maintenance mode. Please ` +
        'remove the node from maintenance prior to issuing the request to abort the service operation.',
    )
  }
  await task.transition('abort', { lastError: null })
  task.handOff(doNodeServiceAbort)
}

async function abortRescue(task: NodeTask): Promise<void> {
  const info: Record<string, unknown> = { ...task.node.instance_info }
  delete info['rescue_password']
  delete info['hashed_rescue_password']
  task.updateNode({ instance_info: info })
  await task.transition('abort', { lastError: null })
  task.handOff(doRescueAbort)
}

/** Abort what the node waits for; the state is one of {@link ABORTABLE_STATES}. */
export async function doAbort(task: NodeTask): Promise<void> {
  switch (task.record.provision_state) {
    case 'clean wait':
    case 'clean hold':
      return abortCleaning(task)
    case 'service wait':
    case 'service hold':
      return abortServicing(task)
    case 'rescue wait':
      return abortRescue(task)
    case 'inspect wait':
      return abortInspection(task)
    case 'wait call-back':
    case 'deploy hold':
      return abortDeploying(task)
    case 'service failed':
      return abortServiceFailed(task)
    default:
      return undefined
  }
}
