/**
 * @module Turning validated API values into node columns, and the checks every write shares:
 * the name, the chassis, the driver's interfaces, uniqueness.
 */
import type { Updateable } from 'kysely'
import {
  ClientSideError,
  ConflictError,
  InvalidParameterValueError,
  NotFoundError,
} from '../../../common/errors.js'
import type { ApiDeps } from '../../deps.js'
import type { Database } from '../../../db/database.js'
import { uniqueViolation } from '../../../db/errors.js'
import type { NodeRow } from '../../../db/tables.js'
import { NODE_FIELDS } from '../../fields/nodes.js'
import { getNode, isValidNodeName } from './lookup.js'

/** API field values → column values (JSON text, 0/1). Computed fields are left out. */
export function toColumns(values: Record<string, unknown>): Updateable<NodeRow> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    const spec = NODE_FIELDS.byName.get(name)
    if (!spec || spec.kind === 'computed') continue
    if (spec.kind === 'json') out[name] = value === null || value === undefined ? null : JSON.stringify(value)
    else if (spec.kind === 'bool') out[name] = value === null || value === undefined ? null : value ? 1 : 0
    else out[name] = value ?? null
  }
  return out as Updateable<NodeRow>
}

/**
 * Words that cannot name a node because they are paths of NodesController: its sub-controllers
 * (sorted, as Python's inspect.getmembers lists them) and its custom actions.
 */
const RESERVED_NAMES = ['maintenance', 'management', 'states', 'vendor_passthru', 'detail', 'validate']

export function checkNodeName(name: unknown, minor: number, action: 'create' | 'update'): void {
  if (name === null || name === undefined) return
  if (typeof name !== 'string' || !isValidNodeName(name, minor)) {
    throw new InvalidParameterValueError(
      action === 'create'
        ? `Cannot create node with invalid name '${String(name)}'`
        : `Node ${String(name)} can not be updated with invalid name '${String(name)}'`,
    )
  }
  if (RESERVED_NAMES.includes(name)) {
    throw new ClientSideError(
      `The word "${name}" is reserved and can not be used as a node name. Reserved words are: ${RESERVED_NAMES.join(', ')}.`,
    )
  }
}

/** The chassis id for a chassis UUID (400 when it does not exist, as Ironic answers). */
export async function chassisIdFor(database: Database, uuid: unknown): Promise<number | null> {
  if (uuid === null || uuid === undefined || uuid === '') return null
  const row = await database.db
    .selectFrom('chassis')
    .select('id')
    .where('uuid', '=', String(uuid))
    .executeTakeFirst()
  if (!row) {
    const e = new NotFoundError(`Chassis ${String(uuid)} could not be found.`)
    throw Object.assign(e, { status: 400 })
  }
  return row.id
}

/** Maps a UNIQUE violation on nodes to Ironic's 409s; rethrows anything else. */
export function nodeConflict(err: unknown, values: Record<string, unknown>, uuid: string): never {
  switch (uniqueViolation(err)) {
    case 'name':
      throw new ConflictError(`A node with name ${String(values.name)} already exists.`, 'DUPLICATE_NAME')
    case 'uuid':
      throw new ConflictError(`A node with UUID ${uuid} already exists.`, 'NODE_ALREADY_EXISTS')
    case 'instance_uuid':
      throw new ConflictError(
        `Instance ${String(values.instance_uuid)} is already associated with a node, it cannot be associated with this other node ${uuid}`,
        'INSTANCE_ASSOCIATED',
      )
    default:
      throw err
  }
}

/** NoValidHost (400): no conductor serves this driver in this conductor group. */
export function checkDriverServed(
  deps: ApiDeps,
  node: { uuid: string; driver: string; conductor_group: string },
): void {
  if (deps.drivers.hardwareTypes().includes(node.driver) && deps.conductors.conductorFor(node) !== null) return
  throw Object.assign(
    new ClientSideError(
      `No valid host was found. Reason: No conductor service registered which supports driver ${node.driver} for conductor group "${node.conductor_group}".`,
    ),
    { code: 'NO_VALID_HOST' },
  )
}

/**
 * Ironic's `authorize_node_link` for `parent_node`: the parent (by UUID or name) must exist and
 * have the child's owner; it is stored as its UUID. Either failure gets the same 400, so that
 * the answer does not tell whether a node exists.
 */
export async function parentNodeUuid(
  database: Database,
  ident: string,
  owner: string | null,
  minor: number,
): Promise<string> {
  const invalid = () =>
    new ClientSideError(`Unable to apply the requested parent_node '${ident}'. Requested value was invalid.`)
  const parent = await getNode(database, ident, minor).catch(() => {
    throw invalid()
  })
  if ((parent.owner ?? null) !== (owner ?? null)) throw invalid()
  return parent.uuid
}

