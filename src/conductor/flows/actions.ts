/**
 * @module The provisioning verbs that are plain state changes plus background work (Ironic
 * `do_provisioning_action`): manage, provide, adopt, abort, unhold, and any other event the
 * state machine allows without work.
 */
import {
  canProcess,
  InvalidStateRequestedError,
  type ProvisionEvent,
} from '../../common/state-machine.js'
import type { NodeTask } from '../task.js'
import { ABORTABLE_STATES, doAbort } from './abort.js'
import { doAdoption } from './adopt.js'
import { doNodeClean } from './clean.js'
import { NodeInMaintenanceError, NodeIsRetiredError } from './errors.js'
import { continueNodeService } from './service.js'
import { provisionSettings } from './settings.js'
import { doNodeVerify } from './verify.js'

async function provide(task: NodeTask): Promise<void> {
  const { uuid } = task.node
  if (!provisionSettings(task.ctx).allow_provisioning_in_maintenance && task.node.maintenance) {
    throw new NodeInMaintenanceError('providing', uuid)
  }
  if (task.record.retired) throw new NodeIsRetiredError('providing', uuid)
  await task.transition('provide', { lastError: null })
  task.handOff((t) => doNodeClean(t, null))
}

async function unholdService(task: NodeTask): Promise<void> {
  await task.transition('unhold', { lastError: null })
  task.handOff(async (t) => {
    await t.transition('resume')
    await continueNodeService(t)
  })
}

/** Carry out `action` on the node, as `do_provisioning_action` does. */
export async function doProvisioningAction(task: NodeTask, action: string): Promise<void> {
  const state = task.record.provision_state ?? ''
  if (action === 'provide' && state === 'manageable') return provide(task)
  if (action === 'manage' && state === 'enroll') {
    await task.transition('manage', { lastError: null })
    return task.handOff(doNodeVerify)
  }
  if (action === 'adopt' && (state === 'manageable' || state === 'adopt failed')) {
    await task.transition('adopt', { lastError: null })
    return task.handOff(doAdoption)
  }
  if (action === 'abort' && ABORTABLE_STATES.has(state)) return doAbort(task)
  if (action === 'unhold' && (state === 'clean hold' || state === 'deploy hold')) {
    // Manual cleaning keeps aiming at `manageable` (Ironic loses that target here).
    const manual = task.record.target_provision_state === 'manageable'
    return task.transition('unhold', manual ? { target: 'manageable' } : {})
  }
  if (action === 'unhold' && state === 'service hold') return unholdService(task)
  if (!canProcess(state, action)) {
    throw new InvalidStateRequestedError(action, {
      uuid: task.node.uuid,
      state: task.record.provision_state,
    })
  }
  await task.transition(action as ProvisionEvent)
}
