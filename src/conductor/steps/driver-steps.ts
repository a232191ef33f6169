/**
 * @module The steps a node's interfaces offer in a flow, as Ironic's step dicts (`_get_steps`):
 * gathered from the interfaces of the flow's priority table, optionally only the enabled ones
 * (priority ≠ 0), optionally sorted.
 */
import { stepDicts, type StepFlow } from '../../drivers/steps.js'
import type { DriverInterfaces, InterfaceKind, Task } from '../../drivers/types.js'
import { FLOW_PRIORITIES, sortSteps } from './priorities.js'

/** A step as stored in `driver_internal_info` and `clean_step`: a plain JSON dict. */
export type StepRecord = { readonly interface: string; readonly step: string } & Readonly<
  Record<string, unknown>
>

/** `<interface>.<step>`, Ironic's `step_id`. */
export function stepId(step: { readonly interface?: unknown; readonly step?: unknown }): string {
  return `${String(step.interface)}.${String(step.step)}`
}

/** One driver step dict with Ironic's key order (`BaseInterface.__new__`). */
function ironicShape(d: ReturnType<typeof stepDicts>[number], flow: StepFlow): StepRecord {
  if (flow === 'verify') return { step: d.step, priority: d.priority, interface: d.interface }
  const base = {
    step: d.step,
    priority: d.priority,
    abortable: d.abortable,
    argsinfo: d.argsinfo ?? null,
  }
  if (flow === 'deploy') return { ...base, interface: d.interface }
  return { ...base, interface: d.interface, requires_ramdisk: d.requires_ramdisk }
}

/**
 * The steps of `flow` offered by the node's interfaces. Interfaces are visited in the flow's
 * priority-table order and each one's steps by name (Python's `inspect.getmembers` order).
 *
 * @param opts.enabled only steps whose priority is not 0
 * @param opts.sort highest priority first, ties broken by interface rank
 */
export function driverSteps(
  task: Task,
  flow: StepFlow,
  opts: { enabled?: boolean; sort?: boolean } = {},
): StepRecord[] {
  const table = FLOW_PRIORITIES[flow]
  const driver: DriverInterfaces = task.driver
  let steps: StepRecord[] = []
  for (const kind of Object.keys(table) as InterfaceKind[]) {
    const dicts = stepDicts(driver[kind], flow).sort((a, b) =>
      a.step < b.step ? -1 : a.step > b.step ? 1 : 0,
    )
    steps.push(...dicts.map((d) => ironicShape(d, flow)))
  }
  if (opts.enabled) steps = steps.filter((s) => s.priority !== 0)
  return opts.sort ? sortSteps(steps, table) : steps
}
