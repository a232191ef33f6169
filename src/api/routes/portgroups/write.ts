/**
 * @module Portgroup creation (PortgroupsController.post), plus the uniqueness checks every
 * portgroup write shares.
 */
import type { FastifyRequest } from 'fastify'
import type { Insertable } from 'kysely'
import { isoTimestamp } from '../../../common/clock.js'
import { ConflictError, InvalidParameterValueError } from '../../../common/errors.js'
import { newUuid } from '../../../common/uuid.js'
import { uniqueViolation } from '../../../db/errors.js'
import { findNode } from '../../../db/repos/nodes.js'
import {
  type PortgroupRecord,
  findPortgroup,
  insertPortgroup,
  portgroupAddressTaken,
} from '../../../db/repos/portgroups.js'
import type { PortgroupRow } from '../../../db/tables.js'
import type { Database } from '../../../db/database.js'
import { PORTGROUP_FIELDS } from '../../fields/portgroups.js'
import { notAcceptable } from '../../query.js'
import { MINOR } from '../../versions.js'
import { resourceNotFound } from '../ports/args.js'
import { nodeNotFoundInBody } from '../ports/write.js'
import { checkPortgroupName, validatePortgroup } from './schema.js'

/** `[DEFAULT]default_portgroup_mode` */
export const DEFAULT_PORTGROUP_MODE = 'active-backup'

/**
 * 406 for a value given to a field newer than the request (`mode` and `properties` only count
 * when set, as in Ironic).
 */
export function checkPortgroupValues(values: Record<string, unknown>, minor: number): void {
  for (const [name, value] of Object.entries(values)) {
    const spec = PORTGROUP_FIELDS.byName.get(name)
    if (!spec || spec.since <= minor) continue
    const set = name === 'mode' || name === 'properties' ? Boolean(value) : value !== null
    if (set) throw notAcceptable()
  }
}

/** Maps a UNIQUE violation on portgroups to Ironic's 409s; rethrows anything else. */
export function portgroupConflict(
  err: unknown,
  values: { name?: unknown; uuid?: unknown; address?: unknown },
): never {
  switch (uniqueViolation(err)) {
    case 'address':
      throw portgroupMacExists(String(values.address))
    case 'name':
      throw new ConflictError(
        `A portgroup with name ${String(values.name)} already exists.`,
        'PORTGROUP_DUPLICATE_NAME',
      )
    case 'uuid':
      throw new ConflictError(
        `A portgroup with UUID ${String(values.uuid)} already exists.`,
        'PORTGROUP_ALREADY_EXISTS',
      )
    default:
      throw err
  }
}

/** PortgroupMACAlreadyExists (409) when another portgroup has the address. */
export async function checkPortgroupAddress(
  database: Database,
  address: unknown,
  exceptId?: number,
): Promise<void> {
  if (typeof address !== 'string' || !(await portgroupAddressTaken(database.db, address, exceptId)))
    return
  throw portgroupMacExists(address)
}

function portgroupMacExists(address: string): ConflictError {
  return new ConflictError(
    `A portgroup with MAC address ${address} already exists.`,
    'PORTGROUP_MAC_ALREADY_EXISTS',
  )
}

/** POST /v1/portgroups: validates, checks and stores a new portgroup; returns it. */
export async function createPortgroup(req: FastifyRequest): Promise<PortgroupRecord> {
  const { database, clock } = req.server.deps
  const minor = req.minor
  const values = validatePortgroup('portgroup', req.body ?? null, minor)
  if (minor < MINOR.PORTGROUPS) throw resourceNotFound()
  const node = await findNode(database.db, { uuid: values.node_uuid as string })
  if (!node) throw nodeNotFoundInBody(values.node_uuid as string)
  checkPortgroupValues(values, minor)
  checkPortgroupName(
    values.name,
    minor,
    `Cannot create portgroup with invalid name '${String(values.name)}'`,
  )
  if ('standalone_ports_supported' in values && values.standalone_ports_supported === null) {
    throw new InvalidParameterValueError("Field `standalone_ports_supported' cannot be None")
  }
  const row: Insertable<PortgroupRow> = {
    uuid: (values.uuid as string | null | undefined) || newUuid(),
    name: (values.name as string | null | undefined) ?? null,
    node_id: node.id,
    address: (values.address as string | null | undefined) ?? null,
    extra: JSON.stringify(values.extra ?? {}),
    internal_info: '{}',
    standalone_ports_supported: values.standalone_ports_supported === false ? 0 : 1,
    mode: (values.mode as string | null | undefined) || DEFAULT_PORTGROUP_MODE,
    properties: JSON.stringify(values.properties ?? {}),
    physical_network: (values.physical_network as string | null | undefined) ?? null,
    category: (values.category as string | null | undefined) ?? null,
    dynamic_portgroup: 0,
    created_at: isoTimestamp(clock.now()),
  }
  await checkPortgroupAddress(database, row.address)
  let id: number
  try {
    id = await insertPortgroup(database.db, row)
  } catch (err) {
    portgroupConflict(err, row)
  }
  return (await findPortgroup(database.db, { id }))!
}
