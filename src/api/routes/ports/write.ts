/**
 * @module Port creation (PortsController.post and the conductor's create_port), plus the
 * checks every port write shares: version gates on the fields, portgroup membership,
 * physical network consistency, uniqueness.
 */
import type { FastifyRequest } from 'fastify'
import type { Insertable } from 'kysely'
import { isoTimestamp } from '../../../common/clock.js'
import {
  ConflictError,
  InvalidParameterValueError,
  IronicError,
  NodeLockedError,
  NotFoundError,
} from '../../../common/errors.js'
import { newUuid } from '../../../common/uuid.js'
import { uniqueViolation } from '../../../db/errors.js'
import { type NodeRecord, findNode } from '../../../db/repos/nodes.js'
import {
  type PortRecord,
  findPort,
  insertPort,
  portNameTaken,
  portsOfPortgroup,
} from '../../../db/repos/ports.js'
import type { PortgroupRecord } from '../../../db/repos/portgroups.js'
import type { PortRow } from '../../../db/tables.js'
import type { Database } from '../../../db/database.js'
import { PORT_FIELDS } from '../../fields/ports.js'
import { notAcceptable } from '../../query.js'
import { MINOR } from '../../versions.js'
import { getNode } from '../nodes/lookup.js'
import { checkDriverServed } from '../nodes/write.js'
import { MAX_MINOR_21_4 } from './args.js'
import { checkFieldVersions } from './collection.js'
import { checkSmartNicLink } from './local-link.js'
import { getPortgroupByUuid } from './lookup.js'
import { validatePort } from './schema.js'

/** `_check_allowed_port_fields` on the keys of a body: 406 for fields newer than the request. */
export function checkPortFieldVersions(values: Record<string, unknown>, minor: number): void {
  checkFieldVersions(PORT_FIELDS, Object.keys(values), minor)
  const llc = values.local_link_connection as Record<string, unknown> | null | undefined
  if (llc) {
    if ('network_type' in llc && minor < MINOR.LOCAL_LINK_CONNECTION_NETWORK_TYPE)
      throw notAcceptable()
    const vtep = minor >= MINOR.OVN_VTEP && minor < MINOR.REMOVE_OVN_VTEP
    if ('vtep-logical-switch' in llc && !vtep) throw notAcceptable()
  }
}

/** A node referenced from a body is missing: 400, not 404. */
export function nodeNotFoundInBody(ident: string): IronicError {
  return Object.assign(new NotFoundError(`Node ${ident} could not be found.`), { status: 400 })
}

/** A portgroup referenced from a body is missing: 400, not 404. */
export async function portgroupForBody(database: Database, uuid: string): Promise<PortgroupRecord> {
  try {
    return await getPortgroupByUuid(database, uuid)
  } catch (e) {
    if (e instanceof NotFoundError) throw Object.assign(e, { status: 400 })
    throw e
  }
}

/** The node of a new port: `node_uuid`, or `node_ident` (UUID or name) from 1.94. */
async function nodeForCreate(
  req: FastifyRequest,
  values: Record<string, unknown>,
): Promise<NodeRecord> {
  const { database } = req.server.deps
  const ident = values.node_ident as string | undefined
  if (ident !== undefined && req.minor < MINOR.PORT_NODENAME) throw notAcceptable()
  const uuid = values.node_uuid as string | undefined
  if (ident === undefined) {
    const node = await findNode(database.db, { uuid: uuid! })
    if (!node) throw nodeNotFoundInBody(uuid!)
    return node
  }
  try {
    return await getNode(database, ident, req.minor)
  } catch (e) {
    if (e instanceof NotFoundError) throw nodeNotFoundInBody(String(uuid ?? 'None'))
    throw e
  }
}

/**
 * `validate_port_physnet`: a port joining a portgroup (or changing its physical network) must
 * be on the portgroup's physical network.
 */
export async function checkPortPhysnet(
  database: Database,
  port: { id?: number; physical_network: string | null },
  portgroup: PortgroupRecord,
  minor: number,
): Promise<void> {
  const members = (await portsOfPortgroup(database.db, portgroup.id)).filter(
    (p) => p.id !== port.id,
  )
  const physnets = [...new Set(members.map((p) => p.physical_network))]
  if (physnets.length > 1) {
    throw new IronicError(
      `Port group ${portgroup.uuid} has member ports with inconsistent physical networks (${physnets.join(', ')}). All ports in a port group must have the same physical network.`,
      { code: 'PORTGROUP_PHYSNET_INCONSISTENT', status: 409 },
    )
  }
  let pgPhysnet = physnets.length === 1 ? physnets[0] : undefined
  if (pgPhysnet === undefined && minor > MAX_MINOR_21_4 && portgroup.physical_network !== null) {
    pgPhysnet = portgroup.physical_network
  }
  if (pgPhysnet === undefined || pgPhysnet === port.physical_network) return
  throw new ConflictError(
    `Port with physical network ${port.physical_network ?? 'None'} cannot become a member of port group ${portgroup.uuid} which has ports in physical network ${pgPhysnet ?? 'None'}.`,
  )
}

/** Maps a UNIQUE violation on ports to Ironic's 409s; rethrows anything else. */
export function portConflict(
  err: unknown,
  values: { address?: unknown; uuid?: unknown; name?: unknown },
): never {
  switch (uniqueViolation(err)) {
    case 'address':
      throw new ConflictError(
        `A port with MAC address ${String(values.address)} already exists.`,
        'MAC_ALREADY_EXISTS',
      )
    case 'uuid':
      throw new ConflictError(
        `A port with UUID ${String(values.uuid)} already exists.`,
        'PORT_ALREADY_EXISTS',
      )
    case 'name':
      throw duplicatePortName(values.name)
    default:
      throw err
  }
}

/** PortDuplicateName (409). */
export function duplicatePortName(name: unknown): ConflictError {
  return new ConflictError(
    `A port with name ${String(name)} already exists.`,
    'PORT_DUPLICATE_NAME',
  )
}

/** POST /v1/ports: validates, checks and stores a new port; returns it. */
export async function createPort(req: FastifyRequest): Promise<PortRecord> {
  const { database } = req.server.deps
  const values = validatePort('port', req.body ?? null, req.minor)
  const node = await nodeForCreate(req, values)
  checkPortFieldVersions(values, req.minor)
  const portgroup = await portgroupOfNewPort(database, values, node)
  if (values.is_smartnic) checkSmartNicLink(values.local_link_connection)
  if (values.physical_network === '') {
    throw new InvalidParameterValueError(
      'A non-empty value is required when setting physical_network',
    )
  }
  if (portgroup && values.pxe_enabled && !portgroup.standalone_ports_supported) {
    throw new ConflictError(
      `Port group ${portgroup.uuid} doesn't support standalone ports. This port cannot be created as a member of that portgroup as the port's 'pxe_enabled' field was set to True.`,
    )
  }
  checkDriverServed(req.server.deps, node)
  if (node.reservation) throw new NodeLockedError(node.uuid, node.reservation)
  const physnet = (values.physical_network as string | null | undefined) ?? null
  if (portgroup)
    await checkPortPhysnet(database, { physical_network: physnet }, portgroup, req.minor)
  const row = newPortRow(values, node, portgroup, isoTimestamp(req.server.deps.clock.now()))
  if (row.name && (await portNameTaken(database.db, row.name))) throw duplicatePortName(row.name)
  let id: number
  try {
    id = await insertPort(database.db, row)
  } catch (err) {
    portConflict(err, row)
  }
  return (await findPort(database.db, { id }))!
}

async function portgroupOfNewPort(
  database: Database,
  values: Record<string, unknown>,
  node: NodeRecord,
): Promise<PortgroupRecord | undefined> {
  if (!values.portgroup_uuid) return undefined
  const pg = await portgroupForBody(database, values.portgroup_uuid as string)
  if (pg.node_id !== node.id) {
    throw new InvalidParameterValueError(
      'Port can not be added to a portgroup belonging to a different node.',
    )
  }
  return pg
}

function newPortRow(
  values: Record<string, unknown>,
  node: NodeRecord,
  portgroup: PortgroupRecord | undefined,
  now: string,
): Insertable<PortRow> & { name: string | null } {
  if ('pxe_enabled' in values && values.pxe_enabled === null) {
    throw new InvalidParameterValueError("Field `pxe_enabled' cannot be None")
  }
  // Ironic's JsonEncodedDict columns store None as {}.
  const json = (v: unknown) => JSON.stringify(v ?? {})
  const bool = (v: unknown, dflt: number) =>
    v === undefined ? dflt : v === null ? null : v ? 1 : 0
  return {
    uuid: (values.uuid as string | null | undefined) || newUuid(),
    address: values.address as string,
    node_id: node.id,
    portgroup_id: portgroup?.id ?? null,
    extra: json(values.extra),
    local_link_connection: json(values.local_link_connection),
    pxe_enabled: bool(values.pxe_enabled, 1),
    internal_info: '{}',
    physical_network: (values.physical_network as string | null | undefined) ?? null,
    // The column default applies to an explicit null too (Ironic shows false).
    is_smartnic: bool(values.is_smartnic ?? undefined, 0),
    name: (values.name as string | null | undefined) ?? null,
    description: (values.description as string | null | undefined) ?? null,
    vendor: (values.vendor as string | null | undefined) ?? null,
    category: (values.category as string | null | undefined) ?? null,
    available_for_dynamic_portgroup: bool(values.available_for_dynamic_portgroup, 1),
    created_at: now,
  }
}
