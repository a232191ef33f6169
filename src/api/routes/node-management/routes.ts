/**
 * @module /v1/nodes/{node}/management: boot device, NMI and indicators (Ironic's
 * `NodeManagementController`), plus the boot mode and secure boot changes (≥1.76) and the
 * target RAID configuration (≥1.12) under /v1/nodes/{node}/states.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import {
  ConflictError,
  InvalidParameterValueError,
  IronicError,
  NotFoundError,
} from '../../../common/errors.js'
import { UNSTABLE_STATES } from '../../../common/states.js'
import { route } from '../../http.js'
import { MINOR } from '../../versions.js'
import { notAcceptable } from '../../query.js'
import { boolean, string } from '../node-misc/args.js'
import { pyStr } from '../../../common/python-repr.js'
import { callNode, nodeArgs, nodeUrl, pathNode, type NodeRequest } from '../node-misc/node-call.js'
import { registerIndicatorRoutes } from './indicators.js'

/** Registers boot device, NMI, indicator, boot mode and secure boot endpoints. */
export function registerNodeManagementRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/management/boot_device', { GET: getBootDevice, PUT: setBootDevice })
  route(app, '/v1/nodes/:ident/management/boot_device/supported', { GET: supportedBootDevices })
  route(app, '/v1/nodes/:ident/management/inject_nmi', { PUT: injectNmi })
  route(app, '/v1/nodes/:ident/states/boot_mode', { PUT: setBootMode })
  route(app, '/v1/nodes/:ident/states/secure_boot', { PUT: setSecureBoot })
  route(app, '/v1/nodes/:ident/states/raid', { PUT: setTargetRaidConfig })
  registerIndicatorRoutes(app)
}

async function getBootDevice(req: NodeRequest) {
  nodeArgs(req)
  const node = await pathNode(req)
  return callNode(req, node, 'get_boot_device')
}

async function setBootDevice(req: NodeRequest, reply: FastifyReply) {
  const args = nodeArgs(req, [
    ['boot_device', string, true],
    ['persistent', boolean],
  ])
  const node = await pathNode(req)
  await callNode(req, node, 'set_boot_device', {
    device: args.boot_device,
    persistent: args.persistent === true,
  })
  return reply.code(204).send()
}

async function supportedBootDevices(req: NodeRequest) {
  nodeArgs(req)
  const node = await pathNode(req)
  return { supported_boot_devices: await callNode(req, node, 'get_supported_boot_devices') }
}

async function injectNmi(req: NodeRequest, reply: FastifyReply) {
  nodeArgs(req)
  if (req.minor < MINOR.INJECT_NMI) throw new NotFoundError('Resource could not be found.')
  const node = await pathNode(req)
  await callNode(req, node, 'inject_nmi')
  return reply.code(204).send()
}

/** 404 below 1.76, as Ironic words it for both boot mode endpoints. */
function requireBootModeChange(minor: number): void {
  if (minor < MINOR.NODE_CHANGE_BOOT_MODE) {
    throw new NotFoundError(
      `This endpoint is supported starting with the API version 1.${MINOR.NODE_CHANGE_BOOT_MODE}`,
    )
  }
}

/** 409 while the node is transitioning; Ironic leaves `%(state)s` unformatted, so do we. */
function refuseUnstable(provisionState: string | null): void {
  if (UNSTABLE_STATES.has(provisionState ?? '')) {
    throw new ConflictError(
      'Node is in %(state)s state. Since node is transitioning, the boot mode will not be set ' +
        'as this may interfere with ongoing changes and result in erroneous modification. ' +
        'Try again later.',
    )
  }
}

async function setBootMode(req: NodeRequest, reply: FastifyReply) {
  const args = nodeArgs(req, [['target', string, true]])
  const node = await pathNode(req)
  requireBootModeChange(req.minor)
  const target = args.target as string | null
  if (target !== 'bios' && target !== 'uefi') {
    throw new InvalidParameterValueError(
      `Invalid boot mode ${target ?? 'None'} requested for node. ` +
        'Allowed boot modes are: bios, uefi',
    )
  }
  refuseUnstable(node.provision_state)
  await callNode(req, node, 'change_node_boot_mode', { new_state: target })
  return reply
    .code(202)
    .header('Location', nodeUrl(req, `${req.params.ident}/states`))
    .send()
}

async function setSecureBoot(req: NodeRequest, reply: FastifyReply) {
  const args = nodeArgs(req, [['target', boolean, true]])
  const node = await pathNode(req)
  requireBootModeChange(req.minor)
  const target = args.target as boolean | null
  if (target !== true && target !== false) {
    throw new InvalidParameterValueError(
      'Invalid secure_boot None requested for node. Allowed secure_boot states are: True, False) ',
    )
  }
  refuseUnstable(node.provision_state)
  await callNode(req, node, 'change_node_secure_boot', { new_state: target })
  return reply
    .code(202)
    .header('Location', nodeUrl(req, `${req.params.ident}/states`))
    .send()
}

/**
 * The body is the configuration itself; `{}` (or no body, as Ironic's `method.body` reads it)
 * clears it. Checked in Ironic's order: query arguments and the node's ident, the body's type,
 * then the node and the version. 404 when the RAID interface can't.
 */
async function setTargetRaidConfig(req: NodeRequest, reply: FastifyReply) {
  const config: unknown = req.body === undefined ? {} : req.body
  nodeArgs(req, [], { bodyArgs: false })
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new InvalidParameterValueError(
      `Expected types <class 'dict'> for target_raid_config: ${pyStr(config)}`,
    )
  }
  const node = await pathNode(req)
  if (req.minor < MINOR.RAID_CONFIG) throw notAcceptable()
  try {
    await callNode(req, node, 'set_target_raid_config', { target_raid_config: config })
  } catch (err) {
    // RAID is a standard interface that a hardware type may lack: Ironic answers 404 here
    if (err instanceof IronicError && err.code === 'UNSUPPORTED_DRIVER_EXTENSION') {
      throw Object.assign(err, { status: 404 })
    }
    throw err
  }
  return reply.code(204).send()
}
