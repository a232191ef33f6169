/**
 * @module Checking steps a user asked for (manual cleaning, servicing, `deploy_steps`, deploy
 * templates) against the steps the node's interfaces offer, with Ironic's messages
 * (`_validate_user_steps` and `_validate_user_step` in `conductor/steps.py`).
 */
import { InvalidParameterValueError } from '../../common/errors.js'
import type { StepFlow } from '../../drivers/steps.js'
import type { Task } from '../../drivers/types.js'
import { pyRepr } from '../../common/python-repr.js'
import { driverSteps, stepId, type StepRecord } from './driver-steps.js'
import { isReservedStep } from './reserved.js'

/** Options of {@link validateUserSteps}. */
export interface ValidateOptions {
  /** Prepended to the joined errors. */
  readonly errorPrefix?: string
  /** Unknown steps are kept for later instead of refused (in-band steps not loaded yet). */
  readonly skipMissing?: boolean
  /** Only steps that run without the ramdisk are accepted. */
  readonly disableRamdisk?: boolean
}

type ArgsInfo = Readonly<
  Record<string, { readonly description?: string; readonly required?: boolean }>
>

function argErrors(
  user: StepRecord,
  driver: StepRecord,
  flow: StepFlow,
  disableRamdisk: boolean,
): string[] {
  const errors: string[] = []
  const argsinfo = (driver.argsinfo ?? {}) as ArgsInfo
  const args = (user.args ?? {}) as Record<string, unknown>
  const unexpected = Object.keys(args).filter((a) => !Object.hasOwn(argsinfo, a))
  if (unexpected.length > 0) {
    errors.push(
      `${flow} step ${pyRepr(user)} has these unexpected arguments: ${unexpected.join(', ')}`,
    )
  }
  if (flow !== 'deploy' || Number(user.priority) > 0) {
    const missing = Object.entries(argsinfo)
      .filter(([name, info]) => info.required === true && !Object.hasOwn(args, name))
      .map(([name, info]) => (info.description ? `${name} (${info.description})` : name))
    if (missing.length > 0) {
      errors.push(
        `${flow} step ${pyRepr(user)} is missing these required arguments: ${missing.join(', ')}`,
      )
    }
    if (disableRamdisk && driver.requires_ramdisk !== false) {
      errors.push(`${flow} step ${pyRepr(user)} requires booting a ramdisk`)
    }
  }
  return errors
}

/** The checked step (clean/service steps get the driver's `abortable`, `priority`) and errors. */
function checkStep(
  user: StepRecord,
  driver: StepRecord,
  flow: StepFlow,
  disableRamdisk: boolean,
): { step: StepRecord; errors: string[] } {
  const errors = argErrors(user, driver, flow, disableRamdisk)
  if (flow !== 'deploy') {
    return {
      step: { ...user, abortable: driver.abortable ?? false, priority: driver.priority ?? 0 },
      errors,
    }
  }
  if (Number(user.priority) > 0 && driver.interface === 'deploy' && driver.step === 'deploy') {
    errors.push(
      `deploy step ${user.step} on interface ${user.interface} is a core step and cannot be ` +
        'overridden by user steps. It may be disabled by setting the priority to 0',
    )
  }
  return { step: user, errors }
}

function duplicateErrors(steps: readonly StepRecord[]): string[] {
  const seen = new Set<string>()
  const dups = new Set<string>()
  for (const s of steps) (seen.has(stepId(s)) ? dups : seen).add(stepId(s))
  if (dups.size === 0) return []
  return [
    "deploy steps from all deploy templates matching this node's instance traits cannot have the " +
      `same interface and step. Duplicate deploy steps for ${[...dups].join(', ')}`,
  ]
}

/**
 * Validate `userSteps` for `flow` against the node's interfaces (all their steps, enabled or
 * not). Steps on child nodes are left out, as Ironic does. The conductor's own steps (`hold`,
 * `wait`, `power_on`...) are kept without checks (`hold` and `wait` may be aborted); Ironic
 * drops them here, which makes them unreachable from the API.
 *
 * @throws InvalidParameterValueError with every problem joined by `; `.
 */
export function validateUserSteps(
  task: Task,
  userSteps: readonly StepRecord[],
  flow: StepFlow,
  opts: ValidateOptions = {},
): StepRecord[] {
  const known = new Map(driverSteps(task, flow).map((s) => [stepId(s), s]))
  const errors: string[] = []
  const result: StepRecord[] = []
  for (const user of userSteps) {
    if (user.execute_on_child_nodes) continue
    if (isReservedStep(user)) {
      const parks = user.step === 'hold' || user.step === 'wait'
      result.push(
        parks && flow !== 'deploy' && user.abortable === undefined
          ? { ...user, abortable: true }
          : user,
      )
      continue
    }
    const driver = known.get(stepId(user))
    if (driver === undefined) {
      if (!opts.skipMissing) errors.push(`node does not support this ${flow} step: ${pyRepr(user)}`)
      continue
    }
    const checked = checkStep(user, driver, flow, opts.disableRamdisk ?? false)
    errors.push(...checked.errors)
    result.push(checked.step)
  }
  if (flow === 'deploy') errors.push(...duplicateErrors(result))
  if (errors.length > 0)
    throw new InvalidParameterValueError((opts.errorPrefix ?? '') + errors.join('; '))
  return result
}
