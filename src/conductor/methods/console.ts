/**
 * @module Console RPC methods (Ironic's `manager.py` `get_console_information`,
 * `set_console_mode` and `_set_console_mode`): the console interface starts and stops the
 * console in the background, and `console_enabled` records the outcome.
 */
import { IronicError } from '../../common/errors.js'
import { recordHistory } from '../flows/history.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask, type NodeTask } from '../task.js'

/** 400 `NodeConsoleNotEnabled`; the API turns it into `console_enabled: false`. */
export class NodeConsoleNotEnabledError extends IronicError {
  constructor(node: string) {
    super(`Console access is not enabled on node ${node}`, {
      code: 'NODE_CONSOLE_NOT_ENABLED',
      status: 400,
      details: { node },
    })
  }
}

/** Ironic's `states.CONSOLE`, the history event type of console changes. */
const CONSOLE_EVENT_TYPE = 'console'

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Starts or stops the console under the handed-off lock. A failure is recorded in the history
 * and `last_error` and rethrown (the background job logs it); success records `console_enabled`.
 */
async function setConsoleMode(task: NodeTask, enabled: boolean): Promise<void> {
  const iface = task.driver.console
  try {
    if (enabled) await iface.startConsole(task)
    else await iface.stopConsole(task)
  } catch (err) {
    const op = enabled ? 'enabling' : 'disabling'
    const event = `Error ${op} the console on node ${task.node.uuid}. Reason: ${errorText(err)}`
    await recordHistory(task, { event, eventType: CONSOLE_EVENT_TYPE, error: true })
    await task.save()
    throw err
  }
  await task.save({ console_enabled: enabled ? 1 : 0, last_error: null })
}

/** RPC methods of the console interface. */
export const CONSOLE_METHODS: Readonly<Record<string, RpcMethod>> = {
  /** `{node_id}` → the console interface's connection information (shared lock). */
  get_console_information: (svc, p) =>
    withTask(
      svc.ctx,
      { uuid: String(p.node_id) },
      { purpose: 'getting console information', shared: true },
      async (task) => {
        if (!task.node.console_enabled) throw new NodeConsoleNotEnabledError(task.node.uuid)
        await task.driver.console.validate(task)
        return task.driver.console.getConsole(task)
      },
    ),
  /**
   * `{node_id, enabled}`: validates under a shared lock; when the console is not already in
   * that mode, takes the lock, clears `last_error` and changes the mode in the background.
   */
  set_console_mode: async (svc, p) => {
    const ref = { uuid: String(p.node_id) }
    const enabled = p.enabled === true
    const purpose = 'setting console mode'
    const unchanged = await withTask(svc.ctx, ref, { purpose, shared: true }, async (task) => {
      await task.driver.console.validate(task)
      return task.node.console_enabled === enabled
    })
    if (unchanged) {
      const op = enabled ? 'enabled' : 'disabled'
      svc.ctx.log.info(
        { node: ref.uuid },
        `No console action was triggered because the console is already ${op}`,
      )
      return null
    }
    await withTask(svc.ctx, ref, { purpose }, async (task) => {
      await task.save({ last_error: null })
      task.handOff((t) => setConsoleMode(t, enabled))
    })
    return null
  },
}
