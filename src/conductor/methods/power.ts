/**
 * @module Power actions: the `change_node_power_state` RPC method and the background power
 * action every flow uses (Ironic's `manager.change_node_power_state` and
 * `conductor/utils.py` `node_power_action`).
 */
import { isoTimestamp } from '../../common/clock.js'
import { IronicError, InvalidParameterValueError } from '../../common/errors.js'
import { FAILURE_STATES, PowerState, ProvisionState } from '../../common/states.js'
import type { PowerTarget } from '../../drivers/power/types.js'
import type { JsonObject } from '../../drivers/types.js'
import { recordError } from '../history.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask, type NodeTask } from '../task.js'


const SOFT: ReadonlySet<string> = new Set([PowerState.SoftRebooting, PowerState.SoftPowerOff])

/** 409 `PowerStateFailure`: e.g. powering off a node with `disable_power_off`. */
export class PowerStateFailureError extends IronicError {
  constructor(pstate: string) {
    super(`Failed to set node power state to ${pstate}.`, {
      code: 'POWER_STATE_FAILURE',
      status: 409,
      details: { pstate },
    })
  }
}

/** The state a power action ends in: `power on` for (soft) reboots, `power off` for soft off. */
export function targetPowerState(newState: string): PowerState | null {
  if (newState === PowerState.On || newState === PowerState.Rebooting) return PowerState.On
  if (newState === PowerState.SoftRebooting) return PowerState.On
  if (newState === PowerState.Off || newState === PowerState.SoftPowerOff) return PowerState.Off
  return null
}

/** Ironic's ISO timestamp of `driver_internal_info` keys (naive UTC, microseconds). */
export function naiveTimestamp(date: Date): string {
  return isoTimestamp(date).slice(0, -6)
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** Ironic's `wipe_internal_info_on_power_off`: what must not survive a reboot or power off. */
function wipeOnPowerOff(info: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = { ...info }
  delete out.agent_url
  if (!out.agent_secret_token_pregenerated) delete out.agent_secret_token
  for (const key of [
    'agent_cached_deploy_steps',
    'agent_cached_clean_steps',
    'agent_verify_ca',
    'agent_start_attempted',
  ]) {
    delete out[key]
  }
  return out
}

const WIPES: ReadonlySet<string> = new Set([
  PowerState.Off,
  PowerState.SoftPowerOff,
  PowerState.Rebooting,
  PowerState.SoftRebooting,
])

/**
 * Ironic's `_can_skip_state_change`: power on/off aimed at the state the node is already in
 * changes nothing but clears the target and `last_error`. A failure to read the power state is
 * recorded and rethrown.
 */
async function canSkip(task: NodeTask, newState: string): Promise<boolean> {
  if (![PowerState.On, PowerState.Off, PowerState.SoftPowerOff].includes(newState as never)) {
    return false
  }
  let current: string | null
  try {
    current = await task.driver.power.getPowerState(task)
  } catch (err) {
    const error = `Failed to change power state to '${newState}': ${errorText(err)}`
    await recordError(task.ctx, task.record.id, error)
    await task.save({ target_power_state: null, last_error: error })
    throw err
  }
  const same =
    (current === PowerState.On && newState === PowerState.On) ||
    (current === PowerState.Off && newState !== PowerState.On)
  if (!same) return false
  await task.save({ last_error: null, power_state: current, target_power_state: null })
  return true
}

/**
 * Changes the node's power (Ironic's `node_power_action`), with the task's lock held: sets the
 * target, drives the power interface, then records `power_state` (success) or `last_error` and a
 * history event (failure, rethrown). Attaches volumes before powering an active node on and
 * detaches them after powering it off.
 */
export async function nodePowerAction(
  task: NodeTask,
  newState: string,
  opts: { timeoutMs?: number } = {},
): Promise<void> {
  const target = targetPowerState(newState)
  if (target === PowerState.Off && task.record.disable_power_off) {
    throw new PowerStateFailureError(newState)
  }
  if (await canSkip(task, newState)) {
    if (WIPES.has(newState)) {
      task.updateNode({ driver_internal_info: wipeOnPowerOff(task.node.driver_internal_info) })
      await task.save()
    }
    return
  }
  await startAction(task, newState, target)
  try {
    await drive(task, newState, target, opts)
  } catch (err) {
    const by = `'${target ?? 'None'}' by '${newState}'`
    const error = `Failed to change power state to ${by}: ${errorText(err)}`
    await recordError(task.ctx, task.record.id, error)
    await task.save({ target_power_state: null, last_error: error })
    throw err
  }
  await task.save({ power_state: target, target_power_state: null })
  if (target === PowerState.Off && task.record.provision_state === ProvisionState.Active) {
    await task.driver.storage.detachVolumes(task).catch((err: unknown) => {
      task.ctx.log.warn({ node: task.record.uuid, err }, 'volume detachment failed')
    })
  }
}

/** Exposes the work in progress: target set, `last_error` cleared (unless failed), timestamps. */
async function startAction(task: NodeTask, newState: string, target: string | null) {
  let info: Record<string, unknown> = {
    ...task.node.driver_internal_info,
    last_power_state_change: naiveTimestamp(task.ctx.clock.now()),
  }
  if (WIPES.has(newState)) info = wipeOnPowerOff(info)
  task.updateNode({ driver_internal_info: info })
  const columns: Record<string, unknown> = { target_power_state: target }
  if (!FAILURE_STATES.has(task.record.provision_state ?? '')) columns.last_error = null
  await task.save(columns)
}

async function drive(
  task: NodeTask,
  newState: string,
  target: string | null,
  opts: { timeoutMs?: number },
) {
  if (target === PowerState.On && task.record.provision_state === ProvisionState.Active) {
    await task.driver.storage.attachVolumes(task)
  }
  const power = task.driver.power
  if (newState === PowerState.Rebooting) await power.reboot(task, opts)
  else await power.setPowerState(task, newState as PowerTarget, opts)
}

/**
 * Validates and starts a power action: sets `target_power_state`, clears `last_error`, and hands
 * the lock to the background action.
 */
export async function changeNodePowerState(
  task: NodeTask,
  newState: string,
  timeoutS: number | null,
): Promise<void> {
  const power = task.driver.power
  await power.validate(task)
  const supported: readonly string[] = await power.getSupportedPowerStates(task)
  if (!supported.includes(newState)) {
    throw new InvalidParameterValueError(
      `The driver ${task.node.driver} does not support the power state, ${newState}`,
    )
  }
  // `[conductor]soft_power_off_timeout` is the default wait of soft actions
  const softDefault = task.ctx.config?.conductor.soft_power_off_timeout ?? 600
  const seconds = SOFT.has(newState) ? (timeoutS ?? softDefault) : timeoutS
  const opts = seconds === null ? {} : { timeoutMs: seconds * 1000 }
  await task.save({ target_power_state: targetPowerState(newState), last_error: null })
  task.handOff((t) => nodePowerAction(t, newState, opts))
}

const nodeRef = (p: Record<string, unknown>) => ({ uuid: String(p.node_id) })

/** RPC methods of power. */
export const POWER_METHODS: Readonly<Record<string, RpcMethod>> = {
  /** `{node_id, new_state, timeout?}` (seconds); answers at once, the action runs on. */
  change_node_power_state: async (svc, p) => {
    const timeout = typeof p.timeout === 'number' ? p.timeout : null
    await withTask(svc.ctx, nodeRef(p), { purpose: 'changing node power state' }, (task) =>
      changeNodePowerState(task, String(p.new_state), timeout),
    )
    return null
  },
  /** `{node_id}` → the power targets the node's power interface accepts. */
  get_supported_power_states: (svc, p) =>
    withTask(
      svc.ctx,
      nodeRef(p),
      { purpose: 'getting supported power states', shared: true },
      (task) => task.driver.power.getSupportedPowerStates(task),
    ),
}
