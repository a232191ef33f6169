/**
 * @module Interface tie-break priorities per step flow (Ironic `conductor/steps.py`), and the
 * sort every flow uses: step priority first, then the interface's rank, highest first.
 */
import type { StepFlow } from '../../drivers/steps.js'
import type { InterfaceKind } from '../../drivers/types.js'

/** Interface rank per kind; a kind absent from a table contributes no steps to that flow. */
export type InterfacePriorities = Readonly<Partial<Record<InterfaceKind, number>>>

/** `CLEANING_INTERFACE_PRIORITY`, in Ironic's order (iteration order is collection order). */
export const CLEANING_INTERFACE_PRIORITY: InterfacePriorities = {
  vendor: 7,
  power: 6,
  management: 5,
  firmware: 4,
  deploy: 3,
  bios: 2,
  raid: 1,
}

/** `DEPLOYING_INTERFACE_PRIORITY`. */
export const DEPLOYING_INTERFACE_PRIORITY: InterfacePriorities = { ...CLEANING_INTERFACE_PRIORITY }

/** `SERVICING_INTERFACE_PRIORITY`: cleaning's plus `network` first. */
export const SERVICING_INTERFACE_PRIORITY: InterfacePriorities = {
  ...CLEANING_INTERFACE_PRIORITY,
  network: 8,
}

/** `VERIFYING_INTERFACE_PRIORITY`. */
export const VERIFYING_INTERFACE_PRIORITY: InterfacePriorities = {
  power: 13,
  management: 12,
  firmware: 11,
  inspect: 10,
  deploy: 9,
  boot: 8,
  bios: 7,
  raid: 6,
  vendor: 5,
  network: 4,
  storage: 3,
  console: 2,
  rescue: 1,
}

/** The interface table of each step flow. */
export const FLOW_PRIORITIES: Readonly<Record<StepFlow, InterfacePriorities>> = {
  clean: CLEANING_INTERFACE_PRIORITY,
  deploy: DEPLOYING_INTERFACE_PRIORITY,
  service: SERVICING_INTERFACE_PRIORITY,
  verify: VERIFYING_INTERFACE_PRIORITY,
}

/** What sorting needs of a step. */
export interface SortableStep {
  readonly interface: string
  readonly priority?: unknown
}

function rank(step: SortableStep, table: InterfacePriorities): number {
  return table[step.interface as InterfaceKind] ?? 0
}

/**
 * Highest priority first; equal priorities by interface rank, highest first. Stable, like
 * Python's `sorted(..., reverse=True)` on `(priority, interface_rank)` keys.
 */
export function sortSteps<T extends SortableStep>(
  steps: readonly T[],
  table: InterfacePriorities,
): T[] {
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => {
      const byPriority = Number(b.step.priority ?? 0) - Number(a.step.priority ?? 0)
      if (byPriority !== 0) return byPriority
      const byRank = rank(b.step, table) - rank(a.step, table)
      return byRank !== 0 ? byRank : a.index - b.index
    })
    .map((e) => e.step)
}
