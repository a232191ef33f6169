/**
 * @module Processing allocations (Ironic `conductor/allocations.py`): pick an available node
 * that matches the resource class, traits and candidate list, is not in maintenance and has a
 * known power state, and reserve it; or backfill an allocation for an already deployed node.
 */
import { isoTimestamp } from '../../common/clock.js'
import { IronicError } from '../../common/errors.js'
import { uniqueViolation } from '../../db/errors.js'
import {
  findAllocation,
  NodeAlreadyAssociated,
  updateAllocation,
  type AllocationRecord,
} from '../../db/repos/allocations.js'
import type { ConductorContext } from '../context.js'
import { pyRepr } from '../../common/python-repr.js'
import { withTask, type NodeTask } from '../task.js'
import { errorText } from './errors.js'

/** `AllocationFailed` (Ironic answers 500; a backfill that cannot work is the client's, 400). */
export class AllocationFailedError extends IronicError {
  constructor(uuid: string, error: string) {
    super(`Failed to process allocation ${uuid}: ${error}.`, {
      code: 'ALLOCATION_FAILED',
      status: 400,
    })
  }
}

/** 409 `NodeAssociated`. */
export class NodeAssociatedError extends IronicError {
  constructor(node: string, instance: string) {
    super(`Node ${node} is associated with instance ${instance}.`, {
      code: 'NODE_ASSOCIATED',
      status: 409,
    })
  }
}

/** 409 `InstanceAssociated`. */
export class InstanceAssociatedError extends IronicError {
  constructor(instance: string, node: string) {
    super(
      `Instance ${instance} is already associated with a node, it cannot be associated with this other node ${node}`,
      {
        code: 'INSTANCE_ASSOCIATED',
        status: 409,
      },
    )
  }
}

interface Candidate {
  id: number
  uuid: string
  name: string | null
  traits: Set<string>
}

function parseList(text: string | null): string[] {
  const v = text ? (JSON.parse(text) as unknown) : []
  return Array.isArray(v) ? (v as string[]) : []
}

async function traitsOf(
  ctx: ConductorContext,
  ids: readonly number[],
): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>(ids.map((id) => [id, new Set<string>()]))
  if (ids.length === 0) return out
  const rows = await ctx.db
    .selectFrom('node_traits')
    .select(['node_id', 'trait'])
    .where('node_id', 'in', [...ids])
    .execute()
  for (const r of rows) out.get(r.node_id)?.add(r.trait)
  return out
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j] as T, items[i] as T]
  }
  return items
}

/** The nodes the allocation may get, best first (`_candidate_nodes`). */
async function candidateNodes(ctx: ConductorContext, a: AllocationRecord): Promise<Candidate[]> {
  let q = ctx.db
    .selectFrom('nodes')
    .select(['id', 'uuid', 'name'])
    .where('provision_state', '=', 'available')
    .where('instance_uuid', 'is', null)
    .where('power_state', 'is not', null)
    .where((eb) => eb.or([eb('maintenance', '=', 0), eb('maintenance', 'is', null)]))
  q =
    a.resource_class === null
      ? q.where('resource_class', 'is', null)
      : q.where('resource_class', '=', a.resource_class)
  const candidates = parseList(a.candidate_nodes)
  if (candidates.length > 0) q = q.where('uuid', 'in', candidates)
  const owner = a.owner
  if (owner) q = q.where((eb) => eb.or([eb('owner', '=', owner), eb('lessee', '=', owner)]))
  const rows = await q.orderBy('id').execute()
  if (rows.length === 0) {
    const what =
      candidates.length > 0
        ? 'none of the requested nodes are available and match'
        : 'no available nodes match'
    throw new AllocationFailedError(
      a.uuid,
      `${what} the resource class ${String(a.resource_class)}`,
    )
  }
  const traits = await traitsOf(
    ctx,
    rows.map((r) => r.id),
  )
  let nodes = rows.map((r) => ({ ...r, traits: traits.get(r.id) ?? new Set<string>() }))
  const wanted = parseList(a.traits)
  if (wanted.length > 0) {
    nodes = nodes.filter((n) => wanted.every((t) => n.traits.has(t)))
    if (nodes.length === 0) {
      throw new AllocationFailedError(
        a.uuid,
        `no suitable nodes have the requested traits ${[...new Set(wanted)].join(', ')}`,
      )
    }
  }
  shuffle(nodes)
  const named = a.name ? nodes.findIndex((n) => n.name === a.name) : -1
  if (named > 0) nodes.unshift(...nodes.splice(named, 1))
  return nodes
}

/** `_verify_node`: the node still satisfies the request under its lock. */
async function stillMatches(task: NodeTask, a: AllocationRecord): Promise<boolean> {
  const n = task.record
  if (n.maintenance || n.instance_uuid || n.provision_state !== 'available') return false
  if (n.resource_class !== a.resource_class) return false
  const wanted = parseList(a.traits)
  if (wanted.length === 0) return true
  const have = (await traitsOf(task.ctx, [n.id])).get(n.id) ?? new Set()
  return wanted.every((t) => have.has(t))
}

/** One pass over the candidates; the ones that were locked are left in `nodes`. */
async function reserveOne(
  ctx: ConductorContext,
  a: AllocationRecord,
  nodes: Candidate[],
): Promise<boolean> {
  const locked: Candidate[] = []
  const noRetry: ConductorContext = { ...ctx, lockRetries: 0 }
  for (const node of nodes) {
    try {
      const done = await withTask(
        noRetry,
        { id: node.id },
        { purpose: 'allocating' },
        async (task) => {
          if (!(await stillMatches(task, a))) return false
          await updateAllocation(ctx.db, a.id, {
            node_id: node.id,
            state: 'active',
            updated_at: now(ctx),
          })
          return true
        },
      )
      if (done) return true
    } catch (err) {
      if (err instanceof IronicError && err.code === 'NODE_LOCKED') locked.push(node)
      else if (!(err instanceof NodeAlreadyAssociated)) throw err
    }
  }
  nodes.splice(0, nodes.length, ...locked)
  return false
}

function now(ctx: ConductorContext): string {
  return isoTimestamp(ctx.clock.now())
}

async function allocationFailed(ctx: ConductorContext, id: number, reason: string): Promise<void> {
  await updateAllocation(
    ctx.db,
    id,
    { node_id: null, state: 'error', last_error: reason, updated_at: now(ctx) },
    false,
  )
}

/** Find and reserve a node for the allocation (`do_allocate`); never throws. */
export async function doAllocate(ctx: ConductorContext, allocationId: number): Promise<void> {
  const a = await findAllocation(ctx.db, { id: allocationId })
  if (!a) return
  try {
    const nodes = await candidateNodes(ctx, a)
    for (let attempt = 0; ; attempt++) {
      if (await reserveOne(ctx, a, nodes)) return
      if (attempt >= Math.max(ctx.lockRetries - 1, 0)) break
      await new Promise((r) => setTimeout(r, ctx.lockRetryIntervalMs))
    }
    const error =
      nodes.length > 0
        ? `could not reserve any of ${nodes.length} suitable nodes`
        : 'all nodes were filtered out during reservation'
    throw new AllocationFailedError(a.uuid, error)
  } catch (err) {
    const reason =
      err instanceof AllocationFailedError
        ? err.message
        : `Unexpected exception during allocation: ${errorText(err)}`
    ctx.log.error({ err, allocation: a.uuid }, reason)
    await allocationFailed(ctx, a.id, reason).catch(() => undefined)
  }
}

async function backfillErrors(task: NodeTask, a: AllocationRecord): Promise<string[]> {
  const n = task.record
  const errors: string[] = []
  if (n.provision_state !== 'active') {
    errors.push(
      `Node must be in the "active" state, but the current state is "${String(n.provision_state)}"`,
    )
  }
  if (a.resource_class && n.resource_class !== a.resource_class) {
    errors.push(
      `Resource class ${String(n.resource_class)} does not match the requested resource class ${a.resource_class}`,
    )
  }
  const wanted = parseList(a.traits)
  const have = [...((await traitsOf(task.ctx, [n.id])).get(n.id) ?? [])]
  if (wanted.length > 0 && !wanted.every((t) => have.includes(t))) {
    errors.push(
      `List of traits ${pyRepr(have)} does not match the requested traits ${pyRepr(wanted)}`,
    )
  }
  const candidates = parseList(a.candidate_nodes)
  if (candidates.length > 0 && !candidates.includes(n.uuid)) {
    errors.push(
      `Candidate nodes must be empty or contain the target node, but got ${pyRepr(candidates)}`,
    )
  }
  return errors
}

async function doBackfill(task: NodeTask, a: AllocationRecord): Promise<void> {
  const errors = await backfillErrors(task, a)
  if (errors.length > 0) {
    throw new AllocationFailedError(
      a.uuid,
      `Cannot backfill an allocation for node ${task.node.uuid}: ${errors.join('; ')}`,
    )
  }
  try {
    await updateAllocation(task.ctx.db, a.id, {
      node_id: task.record.id,
      state: 'active',
      updated_at: now(task.ctx),
    })
  } catch (err) {
    if (err instanceof NodeAlreadyAssociated) throw new NodeAssociatedError(err.node, err.instance)
    if (uniqueViolation(err) === 'instance_uuid')
      throw new InstanceAssociatedError(a.uuid, task.node.uuid)
    throw err
  }
}

/** Give an already deployed node its allocation (`backfill_allocation`); failures are recorded. */
export async function backfillAllocation(
  ctx: ConductorContext,
  allocationId: number,
  nodeId: number,
): Promise<void> {
  const a = await findAllocation(ctx.db, { id: allocationId })
  if (!a) return
  try {
    await withTask(ctx, { id: nodeId }, { purpose: 'allocation backfilling' }, (task) =>
      doBackfill(task, a),
    )
  } catch (err) {
    const reason =
      err instanceof IronicError
        ? err.message
        : `Unexpected exception during allocation: ${errorText(err)}`
    await allocationFailed(ctx, a.id, reason).catch(() => undefined)
    throw err
  }
}
