/**
 * @module Hardware inspection (Ironic `conductor/inspection.py`): `inspecting` → `manageable`
 * when the inspect interface finishes at once, `inspect wait` when an agent reports later;
 * abort from `inspect wait`.
 */
import { isoTimestamp } from '../../common/clock.js'
import { IronicError } from '../../common/errors.js'
import { canProcess, InvalidStateRequestedError } from '../../common/state-machine.js'
import { unsupported } from '../../drivers/errors.js'
import type { NodeTask } from '../task.js'
import { errorText } from './errors.js'
import { recordHistory } from './history.js'
import { wipeTokenAndUrl } from './node-info.js'

/** Check and start an inspection (`inspect_hardware`). */
export async function startInspection(task: NodeTask): Promise<void> {
  await task.driver.power.validate(task)
  await task.driver.inspect.validate(task)
  if (!canProcess(task.record.provision_state ?? '', 'inspect')) {
    throw new InvalidStateRequestedError('inspect', {
      uuid: task.node.uuid,
      state: task.record.provision_state,
    })
  }
  const now = isoTimestamp(task.ctx.clock.now())
  await task.transition('inspect', {
    lastError: null,
    columns: { inspection_started_at: now, inspection_finished_at: null },
  })
  task.handOff(doInspection)
}

async function inspectionFailed(task: NodeTask, error: string): Promise<void> {
  await recordHistory(task, { event: error, eventType: 'introspection', error: true })
  try {
    await task.driver.inspect.abort?.(task)
  } catch (err) {
    task.updateNode({
      last_error: `${error}. Also Failed to abort inspection on node ${task.node.uuid}, reason: ${errorText(err)}`,
    })
  }
  wipeTokenAndUrl(task)
  await task.save()
  await task.transition('fail', { columns: { inspection_started_at: null } })
}

/** The background part of an inspection; the node is in `inspecting`. */
export async function doInspection(task: NodeTask): Promise<void> {
  wipeTokenAndUrl(task)
  let state: string
  try {
    state = await task.driver.inspect.inspectHardware(task)
  } catch (err) {
    const msg =
      err instanceof IronicError
        ? err.message
        : `Unexpected exception of type ${(err as Error).name}: ${errorText(err)}`
    return inspectionFailed(task, msg)
  }
  if (state === 'manageable') {
    const now = isoTimestamp(task.ctx.clock.now())
    await task.transition('done', {
      columns: { inspection_finished_at: now, inspection_started_at: null },
    })
  } else if (state === 'inspect wait') {
    await task.transition('wait')
  } else {
    await inspectionFailed(task, `During inspection, driver returned unexpected state ${state}`)
  }
}

/** Abort an inspection waiting for its agent (`abort_inspection`). */
export async function abortInspection(task: NodeTask): Promise<void> {
  const abort = task.driver.inspect.abort
  if (!abort) unsupported(task.node.driver, 'abort')
  try {
    await abort.call(task.driver.inspect, task)
  } catch (err) {
    await recordHistory(task, {
      event: `Failed to abort inspection: ${errorText(err)}`,
      eventType: 'introspection',
      error: true,
    })
    await task.save()
    throw err
  }
  await recordHistory(task, {
    event: 'Inspection was aborted by request.',
    eventType: 'introspection',
    error: true,
  })
  wipeTokenAndUrl(task)
  if (task.record.provision_state !== 'inspect failed') {
    await task.transition('abort', { columns: { inspection_started_at: null } })
  } else await task.save()
}
