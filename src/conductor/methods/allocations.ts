/**
 * @module RPC methods of allocations (Ironic `create_allocation`, `destroy_allocation`):
 * store the allocation, then backfill it at once or look for a node in the background; delete
 * it under the lock of its node, refusing while the node is in use.
 */
import { isoTimestamp } from '../../common/clock.js'
import { ConflictError, IronicError } from '../../common/errors.js'
import { UPDATE_ALLOWED_STATES } from '../../common/states.js'
import { uniqueViolation } from '../../db/errors.js'
import {
  deleteAllocation,
  findAllocation,
  insertAllocation,
  type AllocationRecord,
} from '../../db/repos/allocations.js'
import { backfillAllocation, doAllocate } from '../flows/allocate.js'
import type { ConductorContext } from '../context.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask, type NodeTask } from '../task.js'

/** An allocation as the API sends it to `create_allocation`. */
export interface AllocationRequest {
  uuid: string
  name: string | null
  resource_class: string | null
  traits: string[]
  candidate_nodes: string[]
  extra: Record<string, unknown>
  owner: string | null
}

function track(ctx: ConductorContext, work: Promise<void>): void {
  const tracked = work.catch((err: unknown) => ctx.log.error({ err }, 'allocation failed'))
  ctx.inFlight.add(tracked)
  void tracked.finally(() => ctx.inFlight.delete(tracked))
}

async function insert(ctx: ConductorContext, a: AllocationRequest): Promise<number> {
  try {
    return await insertAllocation(ctx.db, {
      uuid: a.uuid,
      name: a.name,
      node_id: null,
      state: 'allocating',
      owner: a.owner,
      last_error: null,
      resource_class: a.resource_class,
      traits: JSON.stringify(a.traits),
      candidate_nodes: JSON.stringify(a.candidate_nodes),
      extra: JSON.stringify(a.extra),
      conductor_affinity: null,
      created_at: isoTimestamp(ctx.clock.now()),
    })
  } catch (err) {
    const column = uniqueViolation(err)
    if (column === 'name')
      throw new ConflictError(
        `An allocation with name ${String(a.name)} already exists.`,
        'ALLOCATION_DUPLICATE_NAME',
      )
    if (column === 'uuid')
      throw new ConflictError(
        `An allocation with UUID ${a.uuid} already exists.`,
        'ALLOCATION_ALREADY_EXISTS',
      )
    throw err
  }
}

/** `verify_node_for_deallocation`: 409 while the node is deployed or busy (not in maintenance). */
function verifyDeallocation(task: NodeTask, a: AllocationRecord): void {
  const n = task.record
  if (n.maintenance) return
  const state = n.provision_state ?? ''
  if (n.target_provision_state && !UPDATE_ALLOWED_STATES.has(state)) {
    throw new IronicError(
      `Cannot remove allocation ${a.uuid} for node ${n.uuid}, because the node is in state ${state} where ` +
        'updates are not allowed (and maintenance mode is off)',
      { code: 'INVALID_STATE', status: 409 },
    )
  }
  if (state === 'active') {
    throw new IronicError(
      `Cannot remove allocation ${a.uuid} for node ${n.uuid}, because the node is active (and maintenance mode is off)`,
      { code: 'INVALID_STATE', status: 409 },
    )
  }
}

/** The allocation RPC methods; `create_allocation` returns the allocation as stored. */
export const ALLOCATION_METHODS: Readonly<Record<string, RpcMethod>> = {
  create_allocation: async (svc, p) => {
    const ctx = svc.ctx
    const id = await insert(ctx, p.allocation as AllocationRequest)
    if (typeof p.node_id === 'number') {
      await backfillAllocation(ctx, id, p.node_id)
      return findAllocation(ctx.db, { id })
    }
    const created = await findAllocation(ctx.db, { id })
    track(ctx, doAllocate(ctx, id))
    return created
  },
  destroy_allocation: async (svc, p) => {
    const ctx = svc.ctx
    const a = await findAllocation(ctx.db, { id: Number(p.allocation_id) })
    if (!a) return null
    if (a.node_id === null) {
      await deleteAllocation(ctx.db, a.id)
      return null
    }
    await withTask(ctx, { id: a.node_id }, { purpose: 'allocation deletion' }, async (task) => {
      verifyDeallocation(task, a)
      await deleteAllocation(ctx.db, a.id)
    })
    return null
  },
}
