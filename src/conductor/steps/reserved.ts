/**
 * @module The conductor's own steps (Ironic `RESERVED_STEP_HANDLER_MAPPING` and
 * `use_reserved_step_handler`): `power_on`, `power_off`, `reboot`, `hold` and `wait`, usable on
 * any interface in any step flow.
 */
import type { PowerTarget } from '../../drivers/power/types.js'

/** Step names the conductor handles itself. */
export const RESERVED_STEPS: ReadonlySet<string> = new Set([
  'power_on',
  'power_off',
  'reboot',
  'hold',
  'wait',
])

/** Whether the conductor runs this step itself. */
export function isReservedStep(step: { readonly step?: unknown }): boolean {
  return typeof step.step === 'string' && RESERVED_STEPS.has(step.step)
}

/** What handling a step did: ran it (`used`), parked the flow (`exit`) or nothing (`none`). */
export type ReservedResult = 'used' | 'exit' | 'none'

/** The flow transitions, power action and limits a reserved step needs. */
export interface ReservedHooks {
  hold(): Promise<void>
  wait(): Promise<void>
  /** Ironic's `node_power_action`. */
  power(target: PowerTarget): Promise<void>
  readonly maxWaitSeconds: number
}

const POWER: Readonly<Record<string, PowerTarget>> = {
  power_on: 'power on',
  power_off: 'power off',
  reboot: 'rebooting',
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Run `step` if it is a reserved one. `hold` parks the flow in its hold state; `wait` without
 * `args.seconds` parks it in its wait state until something continues it, and with seconds
 * (capped by `[conductor]max_conductor_wait_step_seconds`) pauses and goes on.
 */
export async function runReservedStep(
  step: { readonly step: string; readonly args?: unknown },
  hooks: ReservedHooks,
): Promise<ReservedResult> {
  const power = POWER[step.step]
  if (power !== undefined) {
    await hooks.power(power)
    return 'used'
  }
  if (step.step === 'hold') {
    await hooks.hold()
    return 'exit'
  }
  if (step.step !== 'wait') return 'none'
  const seconds = (step.args as { seconds?: unknown } | undefined)?.seconds
  if (seconds === undefined) {
    await hooks.wait()
    return 'exit'
  }
  await sleep(Math.min(Number(seconds) || 0, hooks.maxWaitSeconds) * 1000)
  return 'used'
}
