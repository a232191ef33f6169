/**
 * @module Undeploying (Ironic `do_node_tear_down`): tear the instance down, forget it
 * (instance fields, allocation), then clean the node automatically on the way to `available`.
 */
import { canProcess, InvalidStateRequestedError } from '../../common/state-machine.js'
import { InvalidParameterValueError } from '../../common/errors.js'
import { deleteAllocation } from '../../db/repos/allocations.js'
import type { NodeTask } from '../task.js'
import { doNodeClean } from './clean.js'
import { errorText, InstanceDeployFailureError, NodeProtectedError } from './errors.js'
import { recordHistory } from './history.js'
import { setInternal, wipeDeployInfo } from './node-info.js'

const RESCUE_STATES: ReadonlySet<string> = new Set([
  'rescue wait',
  'rescue',
  'unrescue failed',
  'rescue failed',
])

/**
 * Check and start a tear down: protected nodes are refused (403), the power interface must
 * validate, the state must allow `delete`. Moves to `deleting` and hands off.
 */
export async function startTearDown(task: NodeTask): Promise<void> {
  setInternal(task, { agent_url: undefined })
  if (task.record.protected) throw new NodeProtectedError(task.node.uuid)
  try {
    await task.driver.power.validate(task)
  } catch (err) {
    if (!(err instanceof InvalidParameterValueError)) throw err
    throw new InstanceDeployFailureError(
      `Failed to validate power driver interface. Can not delete instance. Error: ${err.message}`,
    )
  }
  const initial = task.record.provision_state ?? ''
  if (!canProcess(initial, 'delete')) {
    throw new InvalidStateRequestedError('delete', {
      uuid: task.node.uuid,
      state: task.record.provision_state,
    })
  }
  await task.transition('delete', { lastError: null })
  task.handOff((t) => doTearDown(t, initial))
}

async function tearDownInstance(task: NodeTask, initial: string): Promise<void> {
  if (RESCUE_STATES.has(initial)) await task.driver.rescue.cleanUp?.(task)
  await task.driver.deploy.cleanUp(task)
  await task.driver.deploy.tearDown(task)
}

/** Forget the instance: its fields, deploy leftovers and an automatic lessee. */
async function forgetInstance(task: NodeTask): Promise<void> {
  const info = task.node.driver_internal_info
  const columns: Record<string, unknown> = { instance_uuid: null, instance_name: null }
  if (info['automatic_lessee']) columns.lessee = null
  task.updateNode({ instance_info: {} })
  wipeDeployInfo(task)
  setInternal(task, {
    instance: undefined,
    root_uuid_or_disk_id: undefined,
    is_whole_disk_image: undefined,
    is_source_a_path: undefined,
    deploy_boot_mode: undefined,
    automatic_lessee: undefined,
  })
  await task.save(columns)
  if (task.record.allocation_id !== null) {
    await deleteAllocation(task.ctx.db, task.record.allocation_id)
    await task.reload()
  }
}

/** The background part of a tear down; the node is in `deleting`. */
export async function doTearDown(task: NodeTask, initial: string): Promise<void> {
  let failure: string | undefined
  try {
    await tearDownInstance(task, initial)
  } catch (err) {
    failure = `Failed to tear down: ${errorText(err)}`
    await recordHistory(task, { event: failure, eventType: 'unprovision', error: true })
  }
  await forgetInstance(task)
  if (failure !== undefined) {
    await task.transition('fail')
    return
  }
  await task.transition('clean')
  await doNodeClean(task, null)
}
