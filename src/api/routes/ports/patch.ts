/**
 * @module Port PATCH: Ironic's API checks (PortsController.patch: allowed fields, version
 * gates, node and portgroup references, schema) and the conductor's update_port rules (address
 * and connectivity changes only in some states, portgroup membership), then one
 * compare-and-set update.
 */
import type { FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import {
  ConflictError,
  InvalidParameterValueError,
  PreconditionFailedError,
} from '../../../common/errors.js'
import { type PortRecord, findPort, portNameTaken, updatePort } from '../../../db/repos/ports.js'
import type { PortgroupRecord } from '../../../db/repos/portgroups.js'
import { PORT_FIELDS } from '../../fields/ports.js'
import { applyPatch, checkPatch, type PatchOp } from '../../json-patch.js'
import { notAcceptable } from '../../query.js'
import { columnValue } from '../../serialize.js'
import { MINOR } from '../../versions.js'
import { MAX_MINOR_21_4 } from './args.js'
import { checkFieldVersions } from './collection.js'
import { checkPortIdent, getPort } from './lookup.js'
import { resolveNodeChange } from './patch-node.js'
import { checkPortUpdateRules } from './update-rules.js'
import { validatePort } from './schema.js'
import { duplicatePortName, portConflict, portgroupForBody } from './write.js'

const PATCH_ALLOWED_21_4 = [
  'address',
  'extra',
  'is_smartnic',
  'local_link_connection',
  'node_uuid',
  'physical_network',
  'portgroup_uuid',
  'pxe_enabled',
]
const PATCH_ALLOWED = [
  'address',
  'extra',
  'is_smartnic',
  'local_link_connection',
  'node_ident',
  'node_uuid',
  'physical_network',
  'portgroup_uuid',
  'pxe_enabled',
  'name',
  'description',
  'vendor',
  'category',
  'available_for_dynamic_portgroup',
]

/** Columns a patched port document maps to. */
const COLUMNS = [
  'address',
  'extra',
  'local_link_connection',
  'pxe_enabled',
  'physical_network',
  'is_smartnic',
  'name',
  'description',
  'vendor',
  'category',
  'available_for_dynamic_portgroup',
]

const touches = (ops: readonly PatchOp[], path: string) =>
  ops.some((o) => o.path === path || o.path.startsWith(`${path}/`))

/** Version gates of the fields a patch touches (406). */
function checkPatchVersions(ops: readonly PatchOp[], minor: number): void {
  checkFieldVersions(
    PORT_FIELDS,
    ops.map((o) => o.path.split('/')[1] ?? ''),
    minor,
  )
  const networkType = '/local_link_connection/network_type'
  if (touches(ops, networkType) && minor < MINOR.LOCAL_LINK_CONNECTION_NETWORK_TYPE)
    throw notAcceptable()
}

/** The port as the patch sees it (`Port.as_dict()` with node and portgroup UUIDs). */
function patchableDoc(port: PortRecord, minor: number): Record<string, unknown> {
  const doc: Record<string, unknown> = {}
  for (const spec of PORT_FIELDS.all) {
    if (minor <= MAX_MINOR_21_4 && spec.since > MAX_MINOR_21_4 && spec.name !== 'name') continue
    doc[spec.name] = columnValue(spec, (port as unknown as Record<string, unknown>)[spec.name])
  }
  return doc
}

/** A port and a patch document that passed the checks made before If-Match. */
export interface CheckedPortPatch {
  port: PortRecord
  ops: PatchOp[]
}

/** PATCH /v1/ports/{port}, first half: the path, the patch document and the port. */
export async function checkPortPatch(
  req: FastifyRequest<{ Params: { ident: string } }>,
): Promise<CheckedPortPatch> {
  const minor = req.minor
  checkPortIdent(req.params.ident, minor)
  const ops = checkPatch(req.body, allowedFields(minor), minor)
  checkPatchVersions(ops, minor)
  const port = await getPort(req.server.deps.database, req.params.ident, minor)
  return { port, ops }
}

/** PATCH /v1/ports/{port}, second half (after If-Match): applies the patch, returns the port. */
export async function applyPortPatch(
  req: FastifyRequest,
  { port, ops }: CheckedPortPatch,
): Promise<PortRecord> {
  const minor = req.minor
  const current = patchableDoc(port, minor)
  const node = await resolveNodeChange(req, port, ops)
  const patched = applyPatch(current, ops)
  patched.node_uuid = node.uuid
  const portgroup = await patchedPortgroup(req, port, ops, patched)
  const valid = validatePort('patch', pickSchemaFields(patched, minor), minor)
  const changes = changedColumns(current, valid, minor)
  if (node.id !== port.node_id) changes.node_id = node.id
  if ((portgroup?.id ?? null) !== port.portgroup_id) changes.portgroup_id = portgroup?.id ?? null
  await checkPortUpdateRules(req, { port, node, portgroup, changes, ops })
  if (Object.keys(changes).length === 0) return port
  return savePort(req, port, changes, valid)
}

function allowedFields(minor: number): readonly string[] {
  return minor > MAX_MINOR_21_4 ? PATCH_ALLOWED : PATCH_ALLOWED_21_4
}

/** The portgroup the patched port belongs to (a new one must exist: 400). */
async function patchedPortgroup(
  req: FastifyRequest,
  port: PortRecord,
  ops: readonly PatchOp[],
  patched: Record<string, unknown>,
): Promise<PortgroupRecord | undefined> {
  const { database } = req.server.deps
  if (touches(ops, '/portgroup_uuid')) {
    const uuid = patched.portgroup_uuid
    return uuid ? portgroupForBody(database, String(uuid)) : undefined
  }
  if (port.portgroup_uuid === null) return undefined
  return portgroupForBody(database, port.portgroup_uuid)
}

/** `patched_validate_with_schema`: only the schema's fields are kept. */
function pickSchemaFields(
  patched: Record<string, unknown>,
  minor: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(patched))
    if (allowedFields(minor).includes(k) || k === 'uuid') out[k] = v
  return out
}

/** `patch_update_changed_fields`: the schema fields whose value changed. */
function changedColumns(
  current: Record<string, unknown>,
  valid: Record<string, unknown>,
  minor: number,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {}
  for (const name of COLUMNS) {
    if (!allowedFields(minor).includes(name)) continue
    const value = valid[name] ?? null
    if (JSON.stringify(value) !== JSON.stringify(current[name] ?? null)) changes[name] = value
  }
  return changes
}

async function savePort(
  req: FastifyRequest,
  port: PortRecord,
  changes: Record<string, unknown>,
  valid: Record<string, unknown>,
): Promise<PortRecord> {
  const { database, clock } = req.server.deps
  if ('pxe_enabled' in changes && changes.pxe_enabled === null) {
    throw new InvalidParameterValueError("Field `pxe_enabled' cannot be None")
  }
  if (changes.name && (await portNameTaken(database.db, String(changes.name), port.id))) {
    throw duplicatePortName(changes.name)
  }
  const columns: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(changes)) {
    columns[k] = ['extra', 'local_link_connection'].includes(k)
      ? JSON.stringify(v ?? {})
      : typeof v === 'boolean'
        ? v
          ? 1
          : 0
        : v
  }
  let ok: boolean
  try {
    ok = await updatePort(database.db, port.id, columns, {
      revision: port.revision,
      updatedAt: isoTimestamp(clock.now()),
    })
  } catch (err) {
    portConflict(err, valid)
  }
  if (!ok) throw new PreconditionFailedError('The port was changed by another request; retry.')
  const updated = await findPort(database.db, { id: port.id })
  if (!updated) throw new ConflictError(`Port ${port.uuid} was deleted during the update.`)
  return updated
}
