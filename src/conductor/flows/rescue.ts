/**
 * @module Rescue and unrescue (Ironic `do_node_rescue`, `do_node_unrescue` and the rescue
 * abort): boot a deployed node into a rescue environment with the user's password, and back.
 */
import { createHash, randomBytes } from 'node:crypto'
import { IronicError, InvalidParameterValueError } from '../../common/errors.js'
import { canProcess, InvalidStateRequestedError } from '../../common/state-machine.js'
import type { NodeTask } from '../task.js'
import { errorText, InstanceRescueFailureError, NodeInMaintenanceError } from './errors.js'
import { recordHistory } from './history.js'
import { setInternal, wipeTokenAndUrl } from './node-info.js'

/** A crypt(3)-style SHA-512 hash stand-in: `$6$<salt>$<hex digest>` (Ironic `hash_password`). */
function hashPassword(password: string): string {
  const salt = randomBytes(12).toString('base64url').slice(0, 16)
  return `$6$${salt}$${createHash('sha512')
    .update(salt + password)
    .digest('base64url')}`
}

function setRescuePassword(task: NodeTask, password: string | null): void {
  const info: Record<string, unknown> = { ...task.node.instance_info }
  if (password === null) {
    delete info['rescue_password']
    delete info['hashed_rescue_password']
  } else {
    info['rescue_password'] = password
    info['hashed_rescue_password'] = hashPassword(password)
  }
  task.updateNode({ instance_info: info })
}

/** Check and start a rescue (`do_node_rescue`). */
export async function startRescue(task: NodeTask, password: string): Promise<void> {
  const { uuid } = task.node
  if (task.node.maintenance) throw new NodeInMaintenanceError('rescuing', uuid)
  wipeTokenAndUrl(task)
  setRescuePassword(task, password)
  await task.save()
  try {
    await task.driver.power.validate(task)
    await task.driver.rescue.validate(task)
    await task.driver.network.validate(task)
  } catch (err) {
    if (
      !(err instanceof InvalidParameterValueError) &&
      !(err instanceof IronicError && err.code === 'UNSUPPORTED_DRIVER_EXTENSION')
    )
      throw err
    setRescuePassword(task, null)
    await task.save()
    throw new InstanceRescueFailureError(
      'rescue',
      task.record.instance_uuid,
      uuid,
      `Validation failed: ${err.message}`,
    )
  }
  if (!canProcess(task.record.provision_state ?? '', 'rescue')) {
    setRescuePassword(task, null)
    await task.save()
    throw new InvalidStateRequestedError('rescue', { uuid, state: task.record.provision_state })
  }
  await task.transition('rescue', { lastError: null })
  task.handOff(doRescue)
}

async function rescueFailed(task: NodeTask, event: string): Promise<void> {
  await recordHistory(task, { event, eventType: 'rescue', error: true })
  await task.transition('fail')
}

/** The background part of a rescue; the node is in `rescuing`. */
export async function doRescue(task: NodeTask): Promise<void> {
  let next: string
  try {
    next = await task.driver.rescue.rescue(task)
  } catch (err) {
    setRescuePassword(task, null)
    const prefix =
      err instanceof IronicError ? 'Failed to rescue: ' : 'Failed to rescue. Exception: '
    return rescueFailed(task, prefix + errorText(err))
  }
  if (next === 'rescue wait') await task.transition('wait')
  else if (next === 'rescue') await task.transition('done')
  else {
    setRescuePassword(task, null)
    await rescueFailed(task, `Failed to rescue: Driver returned unexpected state ${next}`)
  }
}

/** Check and start an unrescue (`do_node_unrescue`). */
export async function startUnrescue(task: NodeTask): Promise<void> {
  const { uuid } = task.node
  setInternal(task, { agent_url: undefined })
  if (task.node.maintenance) throw new NodeInMaintenanceError('unrescuing', uuid)
  try {
    await task.driver.power.validate(task)
  } catch (err) {
    if (!(err instanceof InvalidParameterValueError)) throw err
    throw new InstanceRescueFailureError(
      'unrescue',
      task.record.instance_uuid,
      uuid,
      `Validation failed: ${err.message}`,
    )
  }
  if (!canProcess(task.record.provision_state ?? '', 'unrescue')) {
    throw new InvalidStateRequestedError('unrescue', { uuid, state: task.record.provision_state })
  }
  await task.transition('unrescue', { lastError: null })
  task.handOff(doUnrescue)
}

/** The background part of an unrescue; the node is in `unrescuing`. */
export async function doUnrescue(task: NodeTask): Promise<void> {
  let next: string
  try {
    next = await task.driver.rescue.unrescue(task)
  } catch (err) {
    const prefix =
      err instanceof IronicError ? 'Failed to unrescue: ' : 'Failed to unrescue. Exception: '
    return rescueFailed(task, prefix + errorText(err))
  }
  wipeTokenAndUrl(task)
  if (next !== 'active') {
    return rescueFailed(task, `Failed to unrescue: Driver returned unexpected state ${next}`)
  }
  // Forgetting the rescue password is the rescue interface's job (Ironic's agent rescue does
  // it, its fake one keeps it), so the conductor leaves instance_info alone.
  await task.transition('done')
}

/** Abort a rescue waiting for its ramdisk (`_do_node_rescue_abort`); node in `rescue failed`. */
export async function doRescueAbort(task: NodeTask): Promise<void> {
  try {
    await task.driver.rescue.cleanUp?.(task)
  } catch (err) {
    task.ctx.log.error({ err, node: task.node.uuid }, 'rescue clean up after abort failed')
    const msg = 'Failed to clean up rescue after aborting the operation'
    await recordHistory(task, { event: msg, eventType: 'rescue', error: true })
    await task.save({ maintenance: 1, maintenance_reason: msg, fault: 'rescue abort failure' })
    return
  }
  await recordHistory(task, {
    event: 'By request, the rescue operation was aborted.',
    eventType: 'rescue',
    error: false,
  })
  setInternal(task, { agent_url: undefined })
  await task.save()
}
