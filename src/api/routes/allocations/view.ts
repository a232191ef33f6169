/**
 * @module Allocations as the API shows them, and the lookups the allocation handlers share.
 */
import type { FastifyRequest } from 'fastify'
import { IronicError, NotFoundError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import { findAllocation, type AllocationRecord } from '../../../db/repos/allocations.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import { ALLOCATION_AFTER_LINKS, ALLOCATION_FIELDS } from '../../fields/allocations.js'
import { baseUrl } from '../../http.js'
import { MINOR } from '../../versions.js'
import { getNode } from '../nodes/lookup.js'
import { isLogicalName, pecanAbort } from '../ports/args.js'
import { resourceView } from '../ports/view.js'

/** The API object of an allocation (`owner` only from 1.60). */
export function allocationView(
  a: AllocationRecord,
  req: FastifyRequest,
  fields?: readonly string[],
) {
  const out = resourceView(
    {
      fields: ALLOCATION_FIELDS,
      path: `allocations/${a.uuid}`,
      afterLinks: ALLOCATION_AFTER_LINKS,
      computed: { node_uuid: a.node_uuid },
    },
    a as unknown as Record<string, unknown>,
    { minor: req.minor, base: baseUrl(req, req.server.deps.settings.publicEndpoint), fields },
  )
  return out
}

/** 404 `AllocationNotFound`. */
export function allocationNotFound(ident: string): NotFoundError {
  return new NotFoundError(`Allocation ${ident} could not be found.`)
}

/** Allocations need 1.52: pecan's 404 (GET, and anything under a node) or 405. */
export function checkAllocationsVersion(req: FastifyRequest, always404 = false): void {
  if (req.minor >= MINOR.ALLOCATION) return
  const status = always404 || req.method === 'GET' ? 404 : 405
  throw pecanAbort(status, 'The API version does not allow allocations')
}

/** The allocation named by a UUID or a logical name (`get_rpc_allocation`). */
export async function getAllocation(req: FastifyRequest, ident: string): Promise<AllocationRecord> {
  const db = req.server.deps.database.db
  let a: AllocationRecord | undefined
  if (isUuidLike(ident)) a = await findAllocation(db, { uuid: ident })
  else if (isLogicalName(ident)) a = await findAllocation(db, { name: ident })
  else
    throw new IronicError(`Expected a logical name or UUID but received ${ident}.`, {
      code: 'INVALID_UUID_OR_NAME',
      status: 400,
    })
  if (!a) throw allocationNotFound(ident)
  return a
}

/** A node named in a request body or filter: a missing one is 400, as Ironic sets the code. */
export async function bodyNode(req: FastifyRequest, ident: string): Promise<NodeRecord> {
  try {
    return await getNode(req.server.deps.database, ident, req.minor)
  } catch (err) {
    if (err instanceof NotFoundError)
      throw new IronicError(err.message, { code: 'NODE_NOT_FOUND', status: 400 })
    throw err
  }
}
