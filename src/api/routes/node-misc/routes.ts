/**
 * @module The small node sub-resources: GET /v1/nodes/{node}/states (Ironic's
 * `node_states_convert`), GET /v1/nodes/{node}/validate (and /v1/nodes/validate?node=),
 * PUT/DELETE /v1/nodes/{node}/maintenance, and vendor passthru (see `vendor.ts`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import { NODE_FIELDS } from '../../fields/nodes.js'
import { route } from '../../http.js'
import { notAcceptable } from '../../query.js'
import { columnValue } from '../../serialize.js'
import { MINOR } from '../../versions.js'
import { getNode } from '../nodes/lookup.js'
import { kwargsOf, string, uuid, uuidOrName, validateArgs } from './args.js'
import { callNode, nodeArgs, pathNode, type NodeRequest } from './node-call.js'
import { registerVendorRoutes } from './vendor.js'

/** Registers states, validate, maintenance and vendor passthru. */
export function registerNodeMiscRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/states', { GET: statesHandler })
  route(app, '/v1/nodes/:ident/validate', {
    GET: (req: NodeRequest) => validateHandler(req, req.params.ident),
  })
  route(app, '/v1/nodes/validate', { GET: (req) => validateHandler(req, undefined) })
  route(app, '/v1/nodes/:ident/maintenance', { PUT: setMaintenance, DELETE: clearMaintenance })
  registerVendorRoutes(app)
}

const BASE_STATE_FIELDS = [
  'console_enabled',
  'last_error',
  'power_state',
  'provision_state',
  'target_power_state',
  'target_provision_state',
  'provision_updated_at',
] as const

/** The node's states at the request's version, with the state names old clients know. */
export function statesView(node: NodeRecord, minor: number): Record<string, unknown> {
  const names: string[] = [...BASE_STATE_FIELDS]
  if (minor >= MINOR.RAID_CONFIG) names.push('raid_config', 'target_raid_config')
  if (minor >= MINOR.NODE_BOOT_MODE) names.push('boot_mode', 'secure_boot')
  const row = node as unknown as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const name of names) {
    const spec = NODE_FIELDS.byName.get(name)
    out[name] = spec ? columnValue(spec, row[name]) : (row[name] ?? null)
  }
  if (minor < MINOR.AVAILABLE_STATE && out.provision_state === 'available')
    out.provision_state = null
  if (minor < MINOR.INSPECT_WAIT && out.provision_state === 'inspect wait') {
    out.provision_state = 'inspecting'
  }
  return out
}

async function statesHandler(req: NodeRequest) {
  nodeArgs(req)
  return statesView(await pathNode(req), req.minor)
}

/** Ironic's `NodesController.validate(node, node_uuid)`: the path segment is `node`. */
async function validateHandler(req: FastifyRequest, ident: string | undefined) {
  const kwargs = kwargsOf(req, { bodyArgs: true })
  if (ident !== undefined) kwargs.node = ident
  const args = validateArgs(kwargs, [
    ['node', uuidOrName],
    ['node_uuid', uuid],
  ])
  const node = (args.node as string | null | undefined) ?? null
  if (node !== null && req.minor < MINOR.NODE_NAME && !isUuidLike(node)) throw notAcceptable()
  const wanted = (args.node_uuid as string | null | undefined) || node
  if (!wanted) {
    throw new InvalidParameterValueError('Expected a logical name or UUID but received None.')
  }
  const record = await getNode(req.server.deps.database, wanted, req.minor)
  const interfaces = req.minor >= MINOR.FIRMWARE_INTERFACE ? undefined : NO_FIRMWARE
  return callNode(req, record, 'validate_driver_interfaces', interfaces ? { interfaces } : {})
}

/** Ironic 21.4 (max 1.82) has no firmware interface; it is listed from 1.86 on. */
const NO_FIRMWARE = [
  'boot',
  'deploy',
  'management',
  'network',
  'power',
  'bios',
  'console',
  'inspect',
  'raid',
  'rescue',
  'storage',
]

async function setMaintenance(req: NodeRequest, reply: FastifyReply) {
  const args = nodeArgs(req, [['reason', string]])
  const node = await pathNode(req)
  await callNode(req, node, 'set_maintenance', { maintenance: true, reason: args.reason ?? null })
  return reply.code(202).send()
}

async function clearMaintenance(req: NodeRequest, reply: FastifyReply) {
  nodeArgs(req)
  const node = await pathNode(req)
  await callNode(req, node, 'set_maintenance', { maintenance: false })
  return reply.code(202).send()
}
