/**
 * @module Finding a node by UUID or name with Ironic's rules and messages.
 */
import { InvalidParameterValueError, NotFoundError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import type { FastifyRequest } from 'fastify'
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

/**
 * The node named by a path segment, as Ironic finds it. Every ident must first be a UUID or an
 * RFC 3986 logical name (`args.uuid_or_name`, at any version: 400). Names are looked up from
 * 1.5, if valid at the request's version (hostname rules before 1.10); before 1.5 a name is a
 * node that cannot be found (404), as in Juno.
 */
export async function getNode(database: Database, ident: string, minor: number): Promise<NodeRecord> {
  if (!isUuidLike(ident) && !isValidLogicalName(ident, MINOR.UNRESTRICTED_NODE_NAME)) {
    throw new InvalidParameterValueError(`Expected UUID or name for node: ${ident}`)
  }
  let node: NodeRecord | undefined
  if (isUuidLike(ident)) node = await findNode(database.db, { uuid: ident })
  else if (minor >= MINOR.NODE_NAME) {
    if (!isValidLogicalName(ident, minor)) {
      throw new InvalidParameterValueError(`Expected a logical name or UUID but received ${ident}.`)
    }
    node = await findNode(database.db, { name: ident })
  }
  if (!node) throw nodeNotFound(ident)
  return node
}

/**
 * True when Ironic's JSON-extension middleware strips a trailing `.json` from the path: the
 * legacy version header asks for a version below 1.91 (DOT_JSON). Without it, nothing is
 * stripped (Ironic 21.4 always stripped it; master does not).
 */
export function stripsJsonSuffix(req: FastifyRequest): boolean {
  return req.headers['x-openstack-ironic-api-version'] !== undefined && req.minor < MINOR.DOT_JSON
}

/**
 * The node of a member path, `.json` suffix handled as Ironic does: stripped when
 * {@link stripsJsonSuffix}; with `fallback` (GET) a missing node is retried with the suffix.
 */
export async function getNodeOfPath(
  req: FastifyRequest,
  ident: string,
  fallback = false,
): Promise<NodeRecord> {
  const { database } = req.server.deps
  if (!ident.endsWith('.json') || !stripsJsonSuffix(req)) return getNode(database, ident, req.minor)
  try {
    return await getNode(database, ident.slice(0, -5), req.minor)
  } catch (e) {
    if (!fallback || !(e instanceof NotFoundError)) throw e
    return getNode(database, ident, req.minor)
  }
}
