/**
 * @module `anvil allocation ...`: allocations of nodes by resource class and traits, with
 * `create --wait` polling until the allocation leaves the `allocating` state.
 */
import type { Command } from 'commander'
import { group, type ActionContext } from '../command.js'
import { opt, registerCrud, type CrudSpec } from '../crud.js'
import { ClientError } from '../errors.js'
import { COLUMNS } from '../fields.js'
import { pollInterval } from '../wait.js'
import { waitValue } from './node-provision.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls an allocation until it is no longer `allocating`; fails on `error` or time-out. */
async function waitForAllocation(ctx: ActionContext, created: Record<string, unknown>): Promise<Record<string, unknown>> {
  const timeout = ctx.opts.wait
  if (timeout === undefined) return created
  const seconds = timeout === true ? 0 : Number(timeout)
  const start = Date.now()
  const id = String(created.uuid)
  let alloc = created
  for (;;) {
    if (alloc.state === 'error') throw new ClientError(`Allocation ${id} failed: ${String(alloc.last_error)}`)
    if (alloc.state !== 'allocating') return alloc
    const remaining = seconds * 1000 - (Date.now() - start)
    if (seconds > 0 && remaining <= 0) {
      throw new ClientError(`Allocation ${id} failed to become active in ${seconds} seconds`)
    }
    await sleep(seconds > 0 ? Math.min(pollInterval() * 1000, remaining) : pollInterval() * 1000)
    alloc = await ctx.client().get(`/allocations/${encodeURIComponent(id)}`)
  }
}

const extra = opt('extra', 'dict', 'record arbitrary key/value metadata (repeatable)')

const ALLOCATION: CrudSpec = {
  def: {
    path: '/allocations', key: 'allocations', singular: 'allocation',
    columns: COLUMNS.allocation, longColumns: COLUMNS.allocationLong, noDetail: true,
  },
  words: 'allocation',
  ident: '<allocation>',
  createExample: 'anvil allocation create --resource-class baremetal --trait CUSTOM_GPU --wait 60',
  create: [
    opt('resource-class', 'string', 'resource class to request'),
    opt('trait', 'list', 'required trait (repeatable)', { field: 'traits' }),
    opt('candidate-node', 'list', 'candidate node name or UUID (repeatable)', { field: 'candidate_nodes' }),
    opt('name', 'string', 'unique name of the allocation'),
    opt('uuid', 'string', 'UUID of the allocation'),
    opt('owner', 'string', 'owner of the allocation'),
    extra,
    opt('node', 'string', 'backfill this allocation for an already deployed node'),
  ],
  createExtra: (cmd) =>
    cmd.option('--wait [timeout]', 'wait for the allocation to be done (timeout in seconds, 0 = forever)', waitValue),
  afterCreate: waitForAllocation,
  filters: [
    opt('node', 'string', 'only allocations of this node'),
    opt('resource-class', 'string', 'only allocations with this resource class'),
    opt('state', 'string', 'only allocations in this state'),
    opt('owner', 'string', 'only allocations with this owner'),
  ],
  set: [opt('name', 'string', 'set the name'), extra],
  unset: [opt('name', 'flag', 'unset the name'), extra],
}

/** Registers `anvil allocation`. */
export function registerAllocation(program: Command): void {
  registerCrud(group(program, 'allocation', 'Baremetal allocations'), ALLOCATION)
}
