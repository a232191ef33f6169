/** @module Steps as declared data with a typed outcome (Ironic's `@clean_step` and friends). */
import { InvalidParameterValueError } from '../common/errors.js'
import type { ExclusiveTask, InterfaceKind } from './types.js'

/** The flows a step can run in: cleaning, deployment, verification, servicing. */
export const STEP_FLOWS = ['clean', 'deploy', 'verify', 'service'] as const

/** One step flow. */
export type StepFlow = (typeof STEP_FLOWS)[number]

/**
 * What a step reports when it returns. `wait` replaces Ironic's `states.CLEANWAIT` (and the
 * deploy/service equivalents): the step continues asynchronously and something (an agent
 * heartbeat, a poll) resumes the flow. `hold` parks the flow until an operator unholds it.
 */
export type StepOutcome = { kind: 'done' } | { kind: 'wait'; reason: string } | { kind: 'hold' }

/** The step finished synchronously. */
export const DONE: StepOutcome = Object.freeze({ kind: 'done' })

/** The step continues asynchronously; `reason` is for logs. */
export function waitFor(reason: string): StepOutcome {
  return { kind: 'wait', reason }
}

/** Description of one step argument, as the API shows it (`argsinfo`). */
export interface ArgInfo {
  readonly description: string
  readonly required?: boolean
}

/** Per-flow settings of a step. */
export interface StepFlowOptions {
  /** Order within the flow, highest first; 0 runs only when asked for explicitly. */
  readonly priority: number
  /** May the operator abort the flow while this step runs. Defaults: deploy true, others false. */
  readonly abortable?: boolean
  /** Does the step need the agent ramdisk (clean and service only). Defaults to true. */
  readonly requiresRamdisk?: boolean
}

/** Arguments a step is called with (from `clean_steps`, deploy templates, runbooks...). */
export type StepArgs = Readonly<Record<string, unknown>>

/** The function a step runs. */
export type StepRun = (task: ExclusiveTask, args: StepArgs) => Promise<StepOutcome>

interface StepSpecBase {
  /** The step name as the API shows it (`'erase_devices'`). */
  readonly name: string
  readonly argsinfo?: Readonly<Record<string, ArgInfo>>
  readonly run: StepRun
}

/** A step in one or more flows, sharing settings (the short form). */
export interface StepSpecShared extends StepSpecBase, StepFlowOptions {
  readonly flows: readonly StepFlow[]
}

/** A step whose settings differ per flow. */
export interface StepSpecPerFlow extends StepSpecBase {
  readonly flows: Readonly<Partial<Record<StepFlow, StepFlowOptions>>>
}

/** A declared step, normalised by {@link defineStep}. */
export interface Step {
  readonly name: string
  readonly flows: Readonly<Partial<Record<StepFlow, Required<StepFlowOptions>>>>
  readonly argsinfo: Readonly<Record<string, ArgInfo>> | null
  readonly run: StepRun
}

/**
 * Declare a step. Validates priorities as Ironic's decorators do.
 *
 * @example
 * defineStep({ name: 'factory_reset', flows: ['clean'], priority: 0, run: (t) => reset(t) })
 */
export function defineStep(spec: StepSpecShared | StepSpecPerFlow): Step {
  const perFlow: Partial<Record<StepFlow, StepFlowOptions>> = isShared(spec)
    ? Object.fromEntries(spec.flows.map((f) => [f, spec]))
    : spec.flows
  const flows: Partial<Record<StepFlow, Required<StepFlowOptions>>> = {}
  for (const flow of STEP_FLOWS) {
    const opts = perFlow[flow]
    if (opts === undefined) continue
    checkPriority(spec.name, flow, opts.priority)
    flows[flow] = Object.freeze({
      priority: opts.priority,
      abortable: opts.abortable ?? flow === 'deploy',
      requiresRamdisk: opts.requiresRamdisk ?? true,
    })
  }
  if (Object.keys(flows).length === 0) {
    throw new InvalidParameterValueError(`Step "${spec.name}" belongs to no flow.`)
  }
  return Object.freeze({
    name: spec.name,
    flows: Object.freeze(flows),
    argsinfo: spec.argsinfo ?? null,
    run: spec.run,
  })
}

function isShared(spec: StepSpecShared | StepSpecPerFlow): spec is StepSpecShared {
  return Array.isArray(spec.flows)
}

function checkPriority(name: string, flow: StepFlow, priority: number): void {
  const minimum = flow === 'deploy' || flow === 'verify' ? 0 : -Infinity
  if (!Number.isInteger(priority) || priority < minimum) {
    const what = minimum === 0 ? 'an integer value >= 0' : 'an integer value'
    throw new InvalidParameterValueError(
      `"priority" must be ${what}, instead of "${priority}" (step "${name}").`,
    )
  }
}

/** A step as Ironic's API and `driver_internal_info` show it. */
export interface StepDict {
  readonly step: string
  readonly priority: number
  readonly interface: InterfaceKind
  readonly abortable?: boolean
  readonly argsinfo?: Readonly<Record<string, ArgInfo>> | null
  readonly requires_ramdisk?: boolean
}

/**
 * The steps of one interface in one flow, shaped like Ironic's step dicts (clean and service
 * steps carry `requires_ramdisk`, verify steps only `step`, `priority` and `interface`).
 */
export function stepDicts(
  iface: { readonly kind: InterfaceKind; readonly steps?: readonly Step[] },
  flow: StepFlow,
): StepDict[] {
  const out: StepDict[] = []
  for (const step of iface.steps ?? []) {
    const opts = step.flows[flow]
    if (opts === undefined) continue
    const base = { step: step.name, priority: opts.priority, interface: iface.kind }
    if (flow === 'verify') out.push(base)
    else if (flow === 'deploy') {
      out.push({ ...base, abortable: opts.abortable, argsinfo: step.argsinfo })
    } else {
      out.push({
        ...base,
        abortable: opts.abortable,
        argsinfo: step.argsinfo,
        requires_ramdisk: opts.requiresRamdisk,
      })
    }
  }
  return out
}

/** Find an interface's step by name in a flow. */
export function findStep(
  iface: { readonly steps?: readonly Step[] },
  flow: StepFlow,
  name: string,
): Step | undefined {
  return iface.steps?.find((s) => s.name === name && s.flows[flow] !== undefined)
}
