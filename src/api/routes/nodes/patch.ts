/**
 * @module Node PATCH: Ironic's API checks (allowed fields, version gates, state in flight,
 * names) and the conductor's update rules (interfaces only in some states, instance
 * association, protected and retired), then one compare-and-set update.
 */
import type { FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import {
  ConflictError,
  InvalidParameterValueError,
  NodeLockedError,
  PreconditionFailedError,
} from '../../../common/errors.js'
import { type NodeRecord, findNode, updateNode } from '../../../db/repos/nodes.js'
import { NODE_FIELDS, NODE_INTERFACE_FIELDS } from '../../fields/nodes.js'
import { applyPatch, checkPatch, type PatchOp } from '../../json-patch.js'
import { notAcceptable, parseBool } from '../../query.js'
import { columnValue } from '../../serialize.js'
import { validateSchema } from '../../../common/json-schema.js'
import { MINOR } from '../../versions.js'
import { UPDATE_ALLOWED_STATES } from '../../../common/states.js'
import { NODE_PATCH_SCHEMA, normalizeNodeValues } from './schema.js'
import {
  chassisIdFor,
  checkDriverServed,
  checkNodeName,
  nodeConflict,
  parentNodeUuid,
  toColumns,
} from './write.js'

/**
 * Ironic's PATCH_ALLOWED_FIELDS, in its order (the error message lists them so): the same at
 * every version. Ironic 21.4 lacks disable_power_off, instance_name, parent_node and
 * firmware_interface, which master added.
 */
const PATCH_ALLOWED = [
  ...NODE_FIELDS.all
    .filter((f) => f.patchable && !['parent_node', 'firmware_interface'].includes(f.name))
    .map((f) => f.name)
    .sort(),
  'parent_node',
  'firmware_interface',
]
const INTERFACE_CHANGE_STATES = ['enroll', 'inspecting', 'inspect wait', 'manageable', 'available']

export async function patchNode(
  req: FastifyRequest,
  node: NodeRecord,
  body: unknown,
  resetParam: string | undefined,
): Promise<NodeRecord> {
  const minor = req.minor
  if (resetParam !== undefined && minor < MINOR.RESET_INTERFACES) throw notAcceptable()
  const reset = resetParam === undefined ? false : parseBool(resetParam, 'reset_interfaces')
  const ops = checkPatch(body, PATCH_ALLOWED, minor)
  checkPatchRules(ops, minor, reset)
  const parentOp = ops.find((o) => o.path === '/parent_node' && o.op !== 'remove' && o.value)
  const parent = parentOp
    ? await parentNodeUuid(req.server.deps.database, String(parentOp.value), node.owner, minor)
    : undefined
  checkStateAllowsUpdate(node, ops, minor)
  for (const op of ops) if (op.path === '/name' && op.op !== 'remove') checkNodeName(op.value, minor, 'update')

  const current = patchableDoc(node)
  const patched = applyPatch(current, ops)
  for (const key of Object.keys(patched)) if (!(key in NODE_PATCH_SCHEMA.properties!)) delete patched[key]
  validateSchema('patch', NODE_PATCH_SCHEMA, patched)
  normalizeNodeValues(patched)
  // a node named as its own parent keeps the name, as in Ironic
  if (parent !== undefined && parent !== node.uuid) patched.parent_node = parent

  const changed: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(patched)) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(current[name] ?? null)) changed[name] = value ?? null
  }
  for (const name of Object.keys(current)) if (!(name in patched)) changed[name] = null
  return saveChanges(req, node, changed, reset)
}

function checkPatchRules(ops: readonly PatchOp[], minor: number, reset: boolean): void {
  // reject_patch_in_newer_versions: only a value set on the field itself counts
  for (const op of ops) {
    const spec = NODE_FIELDS.byName.get(op.path.slice(1))
    if (spec && spec.since > minor && op.op !== 'remove') throw notAcceptable()
  }
  if (reset && !ops.some((o) => o.path === '/driver' && o.op !== 'remove')) {
    throw new InvalidParameterValueError(
      "The reset_interfaces parameter can only be used when changing the node's driver.",
    )
  }
}

function checkStateAllowsUpdate(node: NodeRecord, ops: readonly PatchOp[], minor: number): void {
  const removesInstance = ops.length === 1 && ops[0]?.op === 'remove' && ops[0].path === '/instance_uuid'
  if (node.maintenance && removesInstance) return
  if (node.target_provision_state && !UPDATE_ALLOWED_STATES.has(node.provision_state as never)) {
    throw new ConflictError(
      `Node ${node.uuid} can not be updated while a state transition is in progress.`,
    )
  }
  if (node.provision_state === 'inspecting' && minor >= MINOR.INSPECT_WAIT) {
    throw new ConflictError(`Cannot update node "${node.uuid}" while it is in state "inspecting".`)
  }
}

/** The node as the patch sees it: every stored field plus chassis_uuid (not version-filtered). */
function patchableDoc(node: NodeRecord): Record<string, unknown> {
  const doc: Record<string, unknown> = {}
  for (const name of Object.keys(NODE_PATCH_SCHEMA.properties!)) {
    const spec = NODE_FIELDS.byName.get(name)
    if (!spec) continue
    doc[name] =
      name === 'chassis_uuid'
        ? node.chassis_uuid
        : columnValue(spec, (node as unknown as Record<string, unknown>)[name])
  }
  return doc
}

async function saveChanges(
  req: FastifyRequest,
  node: NodeRecord,
  changed: Record<string, unknown>,
  reset: boolean,
): Promise<NodeRecord> {
  const { deps } = req.server
  const inMaintenance = changed.maintenance ?? Boolean(node.maintenance)
  if ('maintenance' in changed && !changed.maintenance) {
    changed.maintenance_reason = null
    changed.fault = null
  }
  checkProtectedAndRetired(node, changed)
  const driver = (changed.driver as string | undefined) ?? node.driver
  const touchesInterfaces = NODE_INTERFACE_FIELDS.some((f) => f in changed)
  if (touchesInterfaces && !(INTERFACE_CHANGE_STATES.includes(node.provision_state ?? '') || inMaintenance)) {
    const field = NODE_INTERFACE_FIELDS.find((f) => f in changed)
    throw new ConflictError(
      `Node ${node.uuid} can not have ${field} updated unless it is in one of allowed (${INTERFACE_CHANGE_STATES.join(', ')}) states or in maintenance mode.`,
      'INVALID_STATE',
    )
  }
  if ('driver' in changed || touchesInterfaces) {
    const group = (changed.conductor_group as string | undefined) ?? node.conductor_group
    checkDriverServed(deps, { uuid: node.uuid, driver, conductor_group: group })
    const requested: Record<string, string | null> = {}
    for (const f of NODE_INTERFACE_FIELDS) {
      const v = f in changed ? changed[f] : 'driver' in changed && reset ? null : (node as unknown as Record<string, unknown>)[f]
      requested[f] = (v as string | null) ?? null
    }
    Object.assign(changed, deps.drivers.resolveInterfaces(driver, requested))
  }
  if (changed.instance_uuid && node.instance_uuid) {
    throw new ConflictError(
      `Node ${node.uuid} is associated with instance ${node.instance_uuid}.`,
      'NODE_ASSOCIATED',
    )
  }
  if (node.reservation) throw new NodeLockedError(node.uuid, node.reservation)
  const columns: Record<string, unknown> = toColumns(changed)
  if ('chassis_uuid' in changed) columns.chassis_id = await chassisIdFor(deps.database, changed.chassis_uuid)
  if ('conductor_group' in changed) columns.conductor_group = changed.conductor_group ?? ''
  if (Object.keys(columns).length > 0) {
    let ok: boolean
    try {
      ok = await updateNode(deps.database.db, node.id, columns, {
        revision: node.revision,
        updatedAt: isoTimestamp(deps.clock.now()),
      })
    } catch (err) {
      nodeConflict(err, { ...changed, name: changed.name }, node.uuid)
    }
    if (!ok) throw new PreconditionFailedError('The node was changed by another request; retry.')
  }
  const updated = await findNode(deps.database.db, { id: node.id })
  if (!updated) throw new ConflictError(`Node ${node.uuid} was deleted during the update.`)
  return updated
}

function checkProtectedAndRetired(node: NodeRecord, changed: Record<string, unknown>): void {
  const isProtected = 'protected' in changed ? Boolean(changed.protected) : Boolean(node.protected)
  if ('protected' in changed || 'protected_reason' in changed) {
    const canProtect = node.provision_state === 'active' || node.provision_state === 'rescue'
    if (!canProtect && isProtected !== Boolean(node.protected) && isProtected) {
      throw new ConflictError(
        `Node ${node.uuid} can only be made protected in provision states 'active' or 'rescue', the current state is '${node.provision_state}'`,
        'INVALID_STATE',
      )
    }
    if (!isProtected && changed.protected_reason) {
      throw new InvalidParameterValueError(
        `The protected_reason field can only be set when protected is True`,
      )
    }
    if ('protected' in changed && !isProtected) changed.protected_reason = null
  }
  const isRetired = 'retired' in changed ? Boolean(changed.retired) : Boolean(node.retired)
  if ('retired' in changed || 'retired_reason' in changed) {
    if (!isRetired && changed.retired_reason) {
      throw new InvalidParameterValueError(`The retired_reason field can only be set when retired is True`)
    }
    if ('retired' in changed && !isRetired) changed.retired_reason = null
  }
}
