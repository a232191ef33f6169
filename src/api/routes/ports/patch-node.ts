/**
 * @module Moving a port or portgroup to another node with PATCH /node_uuid: how the new node is
 * found, and Ironic's messages when it is not (21.4's up to 1.82, master's above).
 */
import type { FastifyRequest } from 'fastify'
import { InvalidParameterValueError, IronicError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import { type NodeRecord, findNode } from '../../../db/repos/nodes.js'
import type { PatchOp } from '../../json-patch.js'
import { getNode } from '../nodes/lookup.js'
import { MAX_MINOR_21_4 } from './args.js'
import { nodeNotFoundInBody } from './write.js'

/** The node a patched port or portgroup will belong to (its current one when unchanged). */
export async function resolveNodeChange(
  req: FastifyRequest,
  owner: { node_id: number | null },
  ops: readonly PatchOp[],
): Promise<NodeRecord> {
  const { database } = req.server.deps
  const current =
    owner.node_id === null ? undefined : await findNode(database.db, { id: owner.node_id })
  const wanted = ops.filter((o) => o.path === '/node_uuid' && o.op !== 'remove').map((o) => o.value)
  if (wanted.length === 0) {
    if (!current) throw nodeNotFoundInBody(String(owner.node_id))
    return current
  }
  const ident = wanted[0]
  const node =
    req.minor > MAX_MINOR_21_4 ? await linkedNode(req, ident) : await nodeByIdentity(req, ident)
  if (current && req.minor > MAX_MINOR_21_4 && current.owner !== node.owner)
    throw unableToApply(ident)
  return node
}

function unableToApply(ident: unknown): IronicError {
  return new InvalidParameterValueError(
    `Unable to apply the requested node_uuid '${String(ident)}'. Requested value was invalid.`,
  )
}

/** Master's `authorize_node_link`: any UUID or name; every failure reads the same. */
async function linkedNode(req: FastifyRequest, ident: unknown): Promise<NodeRecord> {
  try {
    if (typeof ident !== 'string') throw unableToApply(ident)
    return await getNode(req.server.deps.database, ident, req.minor)
  } catch {
    throw unableToApply(ident)
  }
}

/** 21.4's `objects.Node.get`: a UUID (or an integer id), else InvalidIdentity. */
async function nodeByIdentity(req: FastifyRequest, ident: unknown): Promise<NodeRecord> {
  const text = String(ident)
  if (!isUuidLike(ident) && !/^[+-]?\d+$/.test(text)) {
    throw new InvalidParameterValueError(`Expected a UUID or int but received ${text}.`)
  }
  const node = isUuidLike(ident)
    ? await findNode(req.server.deps.database.db, { uuid: ident })
    : undefined
  if (!node) throw nodeNotFoundInBody(text)
  return node
}
