/**
 * @module Finding a node by UUID or name with Ironic's rules and messages.
 */
import { InvalidParameterValueError, NotFoundError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import type { Database } from '../../../db/database.js'
import { type NodeRecord, findNode } from '../../../db/repos/nodes.js'
import { MINOR } from '../../versions.js'

const LOGICAL_NAME = /^[A-Z0-9\-._~]+$/i
const HOSTNAME_SAFE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9\-_]{0,62}[a-z0-9])*\.?$/

/** Ironic's is_valid_logical_name: hostname-like before 1.10, RFC 3986 unreserved after. */
export function isValidLogicalName(name: string, minor: number): boolean {
  if (name.length > 255) return false
  return minor < MINOR.UNRESTRICTED_NODE_NAME ? HOSTNAME_SAFE.test(name) : LOGICAL_NAME.test(name)
}

/** A valid node name is a valid logical name that is not a UUID. */
export function isValidNodeName(name: string, minor: number): boolean {
  return isValidLogicalName(name, minor) && !isUuidLike(name)
}

export function nodeNotFound(ident: string): NotFoundError {
  return new NotFoundError(`Node ${ident} could not be found.`)
}

/** The node named by a path segment (UUID, or name from 1.5), or 404/400 as Ironic answers. */
export async function getNode(database: Database, ident: string, minor: number): Promise<NodeRecord> {
  let node: NodeRecord | undefined
  if (isUuidLike(ident)) node = await findNode(database.db, { uuid: ident })
  else if (minor >= MINOR.NODE_NAME) {
    if (!isValidLogicalName(ident, minor)) {
      throw new InvalidParameterValueError(`Expected UUID or name for node: ${ident}`)
    }
    node = await findNode(database.db, { name: ident })
  }
  if (!node) throw nodeNotFound(ident)
  return node
}
