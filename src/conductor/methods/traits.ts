/**
 * @module Node traits, written under the node's lock (Ironic's `add_node_traits` and
 * `remove_node_traits`, with the database's per-node limit of 50).
 */
import { isoTimestamp } from '../../common/clock.js'
import { IronicError, InvalidParameterValueError } from '../../common/errors.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask, type NodeTask } from '../task.js'

/** `MAX_TRAITS_PER_NODE` of Ironic's database API. */
export const MAX_TRAITS_PER_NODE = 50

/** 404 `NodeTraitNotFound`. */
export class NodeTraitNotFoundError extends IronicError {
  constructor(node: string, trait: string) {
    super(`Node ${node} doesn't have a trait '${trait}'`, {
      code: 'NODE_TRAIT_NOT_FOUND',
      status: 404,
      details: { node, trait },
    })
  }
}

/** Ironic names the node by its database id in this message; so do we. */
function checkLimit(nodeId: number, count: number): void {
  if (count > MAX_TRAITS_PER_NODE) {
    throw new InvalidParameterValueError(
      `Could not modify traits for node ${nodeId} as it would exceed the maximum number of ` +
        `traits per node (${count} vs. ${MAX_TRAITS_PER_NODE})`,
    )
  }
}

/** Replace all traits, or add some (duplicates ignored); all or nothing. */
async function addTraits(task: NodeTask, traits: readonly string[], replace: boolean) {
  const nodeId = task.record.id
  const now = isoTimestamp(task.ctx.clock.now())
  await task.ctx.db.transaction().execute(async (trx) => {
    const wanted = [...new Set(traits)]
    if (replace) {
      checkLimit(nodeId, wanted.length)
      await trx.deleteFrom('node_traits').where('node_id', '=', nodeId).execute()
    } else {
      const existing = await trx
        .selectFrom('node_traits')
        .select('trait')
        .where('node_id', '=', nodeId)
        .execute()
      const have = new Set(existing.map((r) => r.trait))
      wanted.splice(0, wanted.length, ...wanted.filter((t) => !have.has(t)))
      checkLimit(nodeId, have.size + wanted.length)
    }
    if (wanted.length > 0) {
      await trx
        .insertInto('node_traits')
        .values(wanted.map((trait) => ({ node_id: nodeId, trait, created_at: now })))
        .execute()
    }
  })
  await task.save()
}

/** Remove the named traits (404 on the first one missing), or all of them. */
async function removeTraits(task: NodeTask, traits: readonly string[] | null) {
  const nodeId = task.record.id
  await task.ctx.db.transaction().execute(async (trx) => {
    if (traits === null) {
      await trx.deleteFrom('node_traits').where('node_id', '=', nodeId).execute()
      return
    }
    for (const trait of traits) {
      const r = await trx
        .deleteFrom('node_traits')
        .where('node_id', '=', nodeId)
        .where('trait', '=', trait)
        .executeTakeFirst()
      if (Number(r.numDeletedRows) === 0) throw new NodeTraitNotFoundError(task.record.uuid, trait)
    }
  })
  await task.save()
}

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])

/** RPC methods of node traits. */
export const TRAIT_METHODS: Readonly<Record<string, RpcMethod>> = {
  /** `{node_id, traits, replace}` */
  add_node_traits: async (svc, p) => {
    await withTask(svc.ctx, { uuid: String(p.node_id) }, { purpose: 'add node traits' }, (task) =>
      addTraits(task, stringList(p.traits), p.replace === true),
    )
    return null
  },
  /** `{node_id, traits}`; `traits: null` removes them all. */
  remove_node_traits: async (svc, p) => {
    const traits = p.traits === null || p.traits === undefined ? null : stringList(p.traits)
    await withTask(
      svc.ctx,
      { uuid: String(p.node_id) },
      { purpose: 'remove node traits' },
      (task) => removeTraits(task, traits),
    )
    return null
  },
}
