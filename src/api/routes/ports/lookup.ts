/**
 * @module Finding ports and portgroups the way Ironic does (`objects.Port.get`,
 * `api_utils.get_rpc_portgroup`), with its messages.
 */
import { InvalidParameterValueError, NotFoundError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import type { Database } from '../../../db/database.js'
import { type PortRecord, findPort } from '../../../db/repos/ports.js'
import { type PortgroupRecord, findPortgroup } from '../../../db/repos/portgroups.js'
import { MINOR } from '../../versions.js'
import { isLogicalName, uuidArg, uuidOrNameArg } from './args.js'

/** PortNotFound (404). */
export function portNotFound(ident: string): NotFoundError {
  return new NotFoundError(`Port ${ident} could not be found.`)
}

/** PortgroupNotFound (404). */
export function portgroupNotFound(ident: string): NotFoundError {
  return new NotFoundError(`Portgroup ${ident} could not be found.`)
}

/** InvalidUuidOrName (400). */
export function invalidUuidOrName(ident: string): InvalidParameterValueError {
  return new InvalidParameterValueError(`Expected a logical name or UUID but received ${ident}.`)
}

/**
 * Checks the port a path names: up to 1.87 only a UUID is accepted ("Expected UUID for
 * port_uuid"); from 1.88, when ports got names, a UUID or a name. Deletion always wants a UUID.
 */
export function checkPortIdent(ident: string, minor: number, uuidOnly = false): void {
  if (uuidOnly || minor < MINOR.PORT_NAME) uuidArg('port_uuid', ident)
  else uuidOrNameArg('port_ident', ident)
}

/** The port a path names (see {@link checkPortIdent}), or 404. */
export async function getPort(
  database: Database,
  ident: string,
  minor: number,
  uuidOnly = false,
): Promise<PortRecord> {
  checkPortIdent(ident, minor, uuidOnly)
  const byName = !uuidOnly && minor >= MINOR.PORT_NAME && !isUuidLike(ident)
  const port = await findPort(database.db, byName ? { name: ident } : { uuid: ident })
  if (!port) throw portNotFound(ident)
  return port
}

/** `get_rpc_portgroup`: by UUID, else by logical name, else 400. */
export async function getPortgroup(database: Database, ident: string): Promise<PortgroupRecord> {
  let pg: PortgroupRecord | undefined
  if (isUuidLike(ident)) pg = await findPortgroup(database.db, { uuid: ident })
  else if (isLogicalName(ident)) pg = await findPortgroup(database.db, { name: ident })
  else throw invalidUuidOrName(ident)
  if (!pg) throw portgroupNotFound(ident)
  return pg
}

/** `Portgroup.get_by_uuid`: names are not found (the portgroup sub-collection relies on it). */
export async function getPortgroupByUuid(
  database: Database,
  ident: string,
): Promise<PortgroupRecord> {
  const pg = isUuidLike(ident) ? await findPortgroup(database.db, { uuid: ident }) : undefined
  if (!pg) throw portgroupNotFound(ident)
  return pg
}
