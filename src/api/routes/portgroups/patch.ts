/**
 * @module Portgroup PATCH: Ironic's API checks (PortgroupsController.patch) and the
 * conductor's update_portgroup rules, then one compare-and-set update.
 */
import type { FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import {
  ClientSideError,
  ConflictError,
  InvalidParameterValueError,
  NodeLockedError,
  PreconditionFailedError,
} from '../../../common/errors.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import { portsOfPortgroup } from '../../../db/repos/ports.js'
import {
  type PortgroupRecord,
  findPortgroup,
  updatePortgroup,
} from '../../../db/repos/portgroups.js'
import { PORTGROUP_FIELDS } from '../../fields/portgroups.js'
import { applyPatch, checkPatch, type PatchOp } from '../../json-patch.js'
import { notAcceptable } from '../../query.js'
import { columnValue } from '../../serialize.js'
import { MINOR } from '../../versions.js'
import { MAX_MINOR_21_4 } from '../ports/args.js'
import { checkFieldVersions } from '../ports/collection.js'
import { checkDriverServed } from '../nodes/write.js'
import { resolveNodeChange } from '../ports/patch-node.js'
import { CONNECTIVITY_STATES, tenantVif } from '../ports/update-rules.js'
import { checkPortgroupName, portgroupPatchAllowed, validatePortgroup } from './schema.js'
import { checkPortgroupAddress, portgroupConflict } from './write.js'

/** A portgroup update about to be saved. */
export interface PortgroupChange {
  pg: PortgroupRecord
  node: NodeRecord
  changes: Record<string, unknown>
}

const touches = (ops: readonly PatchOp[], path: string) =>
  ops.some((o) => o.path === path || o.path.startsWith(`${path}/`))

/** Checks the patch document (schema only: Ironic checks the allowed fields later). */
export function checkPatchDocument(body: unknown, minor: number): PatchOp[] {
  const roots = Array.isArray(body)
    ? body.map((p: { path?: unknown }) =>
        typeof p?.path === 'string' ? (p.path.split('/')[1] ?? '') : '',
      )
    : []
  return checkPatch(
    body,
    roots.map((r) => r.replace(/~1/g, '/').replace(/~0/g, '~')),
    minor,
  )
}

/** The rest of PortgroupsController.patch's checks, once the portgroup is known. */
export function checkPortgroupPatch(ident: string, ops: readonly PatchOp[], minor: number): void {
  if (
    minor < MINOR.PORTGROUP_MODE_PROPERTIES &&
    (touches(ops, '/mode') || touches(ops, '/properties'))
  ) {
    throw notAcceptable()
  }
  checkPatch(ops, portgroupPatchAllowed(minor), minor)
  checkFieldVersions(
    PORTGROUP_FIELDS,
    ops.map((o) => o.path.split('/')[1] ?? ''),
    minor,
  )
  for (const op of ops) {
    if (op.path !== '/name' || op.op === 'remove') continue
    const message = `Portgroup ${ident}: Cannot change name to invalid name '${String(op.value)}'`
    checkPortgroupName(op.value, minor, message)
  }
}

function patchableDoc(pg: PortgroupRecord, minor: number): Record<string, unknown> {
  const doc: Record<string, unknown> = {}
  for (const spec of PORTGROUP_FIELDS.all) {
    if (minor <= MAX_MINOR_21_4 && spec.since > MAX_MINOR_21_4) continue
    doc[spec.name] = columnValue(spec, (pg as unknown as Record<string, unknown>)[spec.name])
  }
  return doc
}

/** Applies a checked patch to a portgroup (after If-Match); returns the updated portgroup. */
export async function applyPortgroupPatch(
  req: FastifyRequest,
  pg: PortgroupRecord,
  ops: readonly PatchOp[],
): Promise<PortgroupRecord> {
  const minor = req.minor
  const current = patchableDoc(pg, minor)
  const node = await resolveNodeChange(req, pg, ops)
  const patched = applyPatch(current, ops)
  patched.node_uuid = node.uuid
  if (!('mode' in patched))
    throw new ClientSideError("'mode' is a mandatory attribute and can not be removed")
  const allowed = portgroupPatchAllowed(minor)
  const picked = Object.fromEntries(
    Object.entries(patched).filter(([k]) => allowed.includes(k) || k === 'uuid'),
  )
  const valid = validatePortgroup('patch', picked, minor)
  const changes: Record<string, unknown> = {}
  for (const name of allowed) {
    if (name === 'node_uuid') continue
    const value = valid[name] ?? null
    if (JSON.stringify(value) !== JSON.stringify(current[name] ?? null)) changes[name] = value
  }
  if (node.id !== pg.node_id) changes.node_id = node.id
  await checkUpdateRules(req, { pg, node, changes })
  if (Object.keys(changes).length === 0) return pg
  return savePortgroup(req, pg, changes)
}

/** The API's inspecting check, then the conductor's update_portgroup rules. */
async function checkUpdateRules(
  req: FastifyRequest,
  { pg, node, changes }: PortgroupChange,
): Promise<void> {
  if (node.provision_state === 'inspecting' && req.minor >= MINOR.INSPECT_WAIT) {
    throw new ClientSideError(
      `Cannot update portgroup "${pg.uuid}" on node "${node.uuid}" while it is in state "inspecting".`,
      409,
    )
  }
  checkDriverServed(req.server.deps, node)
  if (node.reservation) throw new NodeLockedError(node.uuid, node.reservation)
  const ports = await portsOfPortgroup(req.server.deps.database.db, pg.id)
  if ('node_id' in changes) {
    if (!CONNECTIVITY_STATES.includes(node.provision_state ?? '') && !node.maintenance) {
      const current =
        req.minor > MAX_MINOR_21_4 ? ` Current state is '${node.provision_state}'.` : ''
      throw new ConflictError(
        `Portgroup ${pg.uuid} can not be associated to node ${node.uuid} unless the node is in a ${CONNECTIVITY_STATES.join(', ')} state or in maintenance mode.${current}`,
        'INVALID_STATE',
      )
    }
    if (ports.length > 0) {
      throw new InvalidParameterValueError(
        `Portgroup ${pg.uuid} can not be associated with node ${node.uuid} because there are ports associated with this portgroup.`,
      )
    }
  }
  if (changes.standalone_ports_supported === false && node.network_interface !== 'noop') {
    for (const p of ports) {
      const vif = tenantVif(p.internal_info)
      const reasons = [
        ...(p.pxe_enabled ? ["'pxe_enabled' is set to True"] : []),
        ...(vif ? [`VIF ${vif} is attached to this port`] : []),
      ]
      if (reasons.length > 0) {
        throw new ConflictError(
          `standalone_ports_supported can not be set to False, because the port group ${pg.uuid} contains port with ${reasons.join(', ')}`,
        )
      }
    }
  }
}

async function savePortgroup(
  req: FastifyRequest,
  pg: PortgroupRecord,
  changes: Record<string, unknown>,
): Promise<PortgroupRecord> {
  const { database, clock } = req.server.deps
  if ('standalone_ports_supported' in changes && changes.standalone_ports_supported === null) {
    throw new InvalidParameterValueError("Field `standalone_ports_supported' cannot be None")
  }
  if ('address' in changes) await checkPortgroupAddress(database, changes.address, pg.id)
  const columns: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(changes)) {
    columns[k] =
      k === 'extra' || k === 'properties'
        ? JSON.stringify(v ?? {})
        : typeof v === 'boolean'
          ? v
            ? 1
            : 0
          : v
  }
  const now = isoTimestamp(clock.now())
  let ok: boolean
  try {
    ok = await updatePortgroup(database.db, pg.id, columns, {
      revision: pg.revision,
      updatedAt: now,
    })
  } catch (err) {
    portgroupConflict(err, { ...changes, uuid: pg.uuid })
  }
  if (!ok) throw new PreconditionFailedError('The portgroup was changed by another request; retry.')
  if ('physical_network' in changes && req.minor >= MINOR.PORTGROUP_PHYSICAL_NETWORK) {
    // update_portgroup_physical_network: the member ports follow their portgroup.
    await database.db
      .updateTable('ports')
      .set({ physical_network: changes.physical_network as string | null, updated_at: now })
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('portgroup_id', '=', pg.id)
      .execute()
  }
  const updated = await findPortgroup(database.db, { id: pg.id })
  if (!updated) throw new ConflictError(`Portgroup ${pg.uuid} was deleted during the update.`)
  return updated
}
