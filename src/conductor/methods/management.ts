/**
 * @module Management RPC methods: boot device, NMI, indicators, and the background boot mode
 * and secure boot changes (Ironic's `manager.py` and `conductor/utils.py` `node_change_*`).
 */
import { unsupported } from '../../drivers/errors.js'
import type {
  BootDevice,
  BootMode,
  Component,
  IndicatorState,
  ManagementInterface,
} from '../../drivers/management/types.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask, type NodeTask } from '../task.js'
import type { ConductorService } from '../service.js'

type Params = Record<string, unknown>

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** Runs `fn` on the node's management interface, validated first, under the given lock. */
function withManagement<T>(
  svc: ConductorService,
  p: Params,
  opts: { purpose: string; shared?: boolean; validate?: boolean },
  fn: (m: ManagementInterface, task: NodeTask) => Promise<T>,
): Promise<T> {
  const lock = { purpose: opts.purpose, ...(opts.shared ? { shared: true } : {}) }
  return withTask(svc.ctx, { uuid: String(p.node_id) }, lock, async (task) => {
    const m = task.driver.management
    if (opts.validate !== false) await m.validate(task)
    return fn(m, task)
  })
}

/** Ironic's `node_change_boot_mode`: skip when already there, else set and record. */
async function changeBootMode(task: NodeTask, target: BootMode): Promise<void> {
  const m = task.driver.management
  const current = m.getBootMode ? await m.getBootMode(task).catch(() => null) : null
  if (current !== null && current === target) return
  try {
    if (!m.setBootMode) unsupported(task.node.driver, 'set_boot_mode')
    await m.setBootMode(task, target)
  } catch (err) {
    // Ironic's message lacks the closing quote after the mode; kept byte for byte.
    await task.save({ last_error: `Failed to change boot mode to '${target}: ${errorText(err)}` })
    return
  }
  await task.save({ boot_mode: target })
}

/** Ironic's `node_change_secure_boot`. */
async function changeSecureBoot(task: NodeTask, target: boolean): Promise<void> {
  const m = task.driver.management
  const current = m.getSecureBootState ? await m.getSecureBootState(task).catch(() => null) : null
  if (current !== null && current === target) return
  try {
    if (!m.setSecureBootState) unsupported(task.node.driver, 'set_secure_boot_state')
    await m.setSecureBootState(task, target)
  } catch (err) {
    const shown = target ? 'True' : 'False'
    await task.save({
      last_error: `Failed to change secure_boot state to '${shown}': ${errorText(err)}`,
    })
    return
  }
  await task.save({ secure_boot: target ? 1 : 0 })
}

/** RPC methods of the management interface. */
export const MANAGEMENT_METHODS: Readonly<Record<string, RpcMethod>> = {
  /** `{node_id, device, persistent}` */
  set_boot_device: (svc, p) =>
    withManagement(svc, p, { purpose: 'setting boot device' }, async (m, task) => {
      // Python prints a missing device as None in the driver's message.
      const device = (p.device === null ? 'None' : String(p.device)) as BootDevice
      await m.setBootDevice(task, device, { persistent: p.persistent === true })
      return null
    }),
  /** `{node_id}` → `{boot_device, persistent}` (Ironic takes the exclusive lock for it). */
  get_boot_device: (svc, p) =>
    withManagement(svc, p, { purpose: 'getting boot device' }, (m, task) => m.getBootDevice(task)),
  /** `{node_id}` → supported boot devices (shared lock, no validation). */
  get_supported_boot_devices: (svc, p) =>
    withManagement(
      svc,
      p,
      { purpose: 'getting supported boot devices', shared: true, validate: false },
      (m, task) => m.getSupportedBootDevices(task),
    ),
  /** `{node_id}` */
  inject_nmi: (svc, p) =>
    withManagement(svc, p, { purpose: 'inject nmi' }, async (m, task) => {
      if (!m.injectNmi) unsupported(task.node.driver, 'inject_nmi')
      await m.injectNmi(task)
      return null
    }),
  /** `{node_id, component?}` → indicators per component (shared lock, no validation). */
  get_supported_indicators: (svc, p) =>
    withManagement(
      svc,
      p,
      { purpose: 'getting supported indicators', shared: true, validate: false },
      (m, task) => {
        if (!m.getSupportedIndicators) unsupported(task.node.driver, 'get_supported_indicators')
        const component = typeof p.component === 'string' ? (p.component as Component) : undefined
        return m.getSupportedIndicators(task, component)
      },
    ),
  /** `{node_id, component, indicator}` → the indicator's state. */
  get_indicator_state: (svc, p) =>
    withManagement(svc, p, { purpose: 'getting indicators states' }, (m, task) => {
      if (!m.getIndicatorState) unsupported(task.node.driver, 'get_indicator_state')
      return m.getIndicatorState(task, p.component as Component, String(p.indicator))
    }),
  /** `{node_id, component, indicator, state}` */
  set_indicator_state: (svc, p) =>
    withManagement(svc, p, { purpose: 'setting indicator state' }, async (m, task) => {
      if (!m.setIndicatorState) unsupported(task.node.driver, 'set_indicator_state')
      await m.setIndicatorState(
        task,
        p.component as Component,
        String(p.indicator),
        p.state as IndicatorState,
      )
      return null
    }),
  /** `{node_id, new_state}`: clears `last_error`, then changes the boot mode in the background. */
  change_node_boot_mode: (svc, p) =>
    withManagement(svc, p, { purpose: 'changing node boot mode' }, async (_m, task) => {
      await task.save({ last_error: null })
      task.handOff((t) => changeBootMode(t, p.new_state as BootMode))
      return null
    }),
  /** `{node_id, new_state}` (a boolean), like `change_node_boot_mode`. */
  change_node_secure_boot: (svc, p) =>
    withManagement(svc, p, { purpose: 'changing node secure' }, async (_m, task) => {
      await task.save({ last_error: null })
      task.handOff((t) => changeSecureBoot(t, p.new_state === true))
      return null
    }),
}
