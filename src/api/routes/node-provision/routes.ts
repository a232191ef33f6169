/**
 * @module PUT /v1/nodes/{node}/states/provision (Ironic `NodeStatesController.provision`):
 * every provisioning verb. The API checks the request in Ironic's order, the conductor that
 * owns the node checks the node under its lock and starts the work; the answer is 202 with a
 * Location of the node's states.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { ClientSideError } from '../../../common/errors.js'
import { checkProvisionAction, InvalidStateRequestedError } from '../../../common/state-machine.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import { route } from '../../http.js'
import { callNode, nodeArgs, nodeUrl, pathNode, type NodeRequest } from '../node-misc/node-call.js'
import {
  checkActionable,
  checkConfigdrive,
  checkDeployStepsAllowed,
  checkDisableRamdisk,
  checkOnlyWith,
  checkVerbVersion,
  nodeInMaintenance,
  type ProvisionBody,
} from './checks.js'
import { handleRunbook } from './runbook.js'
import { checkSteps, provisionArgSpec } from './schema.js'

export function registerNodeProvisionRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/states/provision', { PUT: provisionHandler })
}

const list = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null)
const has = (v: unknown[] | null): boolean => v !== null && v.length > 0

function bodyOf(args: Record<string, unknown>): ProvisionBody {
  return {
    target: (args.target as string | null) ?? 'None',
    configdrive: args.configdrive ?? null,
    cleanSteps: list(args.clean_steps),
    deploySteps: list(args.deploy_steps),
    rescuePassword: (args.rescue_password as string | null | undefined) ?? null,
    disableRamdisk: (args.disable_ramdisk as boolean | null | undefined) ?? null,
    serviceSteps: list(args.service_steps),
    runbook: (args.runbook as string | null | undefined) ?? null,
  }
}

/** The checks before the conductor is asked, in Ironic's order. */
async function checkRequest(req: NodeRequest, node: NodeRecord, b: ProvisionBody): Promise<void> {
  const { minor } = req
  checkVerbVersion(b.target, minor)
  if ((b.target === 'active' || b.target === 'rebuild') && node.maintenance) {
    throw nodeInMaintenance('provisioning', node.uuid)
  }
  checkActionable(node, b.target)
  checkConfigdrive(b.target, b.configdrive, minor)
  if (b.runbook) {
    const given = { cleanSteps: b.cleanSteps, serviceSteps: b.serviceSteps }
    const rb = await handleRunbook(
      req.server.deps.database,
      minor,
      node,
      b.target,
      b.runbook,
      given,
    )
    Object.assign(b, {
      cleanSteps: rb.cleanSteps,
      serviceSteps: rb.serviceSteps,
      disableRamdisk: rb.disableRamdisk,
    })
  }
  checkDisableRamdisk(b.target, b.disableRamdisk, minor)
  checkOnlyWith('clean_steps', has(b.cleanSteps), b.target, 'clean', Boolean(b.runbook))
  checkDeployStepsAllowed(b.target, b.deploySteps, minor)
  checkOnlyWith('rescue_password', b.rescuePassword !== null, b.target, 'rescue', false)
  const late = () =>
    checkProvisionAction({ ...node, provision_state: node.provision_state ?? '' }, b.target, minor)
  const serviceSteps = () =>
    checkOnlyWith('service_steps', has(b.serviceSteps), b.target, 'service', Boolean(b.runbook))
  if (b.target === 'abort' || b.target === 'unhold') {
    late()
    serviceSteps()
  } else {
    serviceSteps()
    late()
  }
}

function required(present: boolean, field: string, verb: string): void {
  if (!present)
    throw new ClientSideError(
      `"${field}" is required when setting target provision state to ${verb}`,
    )
}

/** The conductor method and its parameters for a verb, after the verb's own checks. */
type VerbCall = (
  b: ProvisionBody,
  minor: number,
) => [method: string, params?: Record<string, unknown>]

const deployCall: VerbCall = (b, minor) => {
  if (has(b.deploySteps)) checkSteps(b.deploySteps, 'deploy', minor)
  const deploySteps = has(b.deploySteps) ? b.deploySteps : null
  const params = {
    rebuild: b.target === 'rebuild',
    configdrive: b.configdrive,
    deploy_steps: deploySteps,
  }
  return ['do_node_deploy', params]
}

const rescueCall: VerbCall = (b) => {
  if (!b.rescuePassword?.trim()) {
    throw new ClientSideError(
      'A non-empty "rescue_password" is required when setting target provision state to rescue',
    )
  }
  return ['do_node_rescue', { rescue_password: b.rescuePassword }]
}

const cleanCall: VerbCall = (b, minor) => {
  required(has(b.cleanSteps), 'clean_steps', 'clean')
  checkSteps(b.cleanSteps, 'clean', minor)
  return [
    'do_node_clean',
    { clean_steps: b.cleanSteps, disable_ramdisk: b.disableRamdisk ?? false },
  ]
}

const serviceCall: VerbCall = (b, minor) => {
  required(has(b.serviceSteps), 'service_steps', 'service')
  checkSteps(b.serviceSteps, 'service', minor)
  const params = { service_steps: b.serviceSteps, disable_ramdisk: b.disableRamdisk ?? false }
  return ['do_node_service', params]
}

const actionCall: VerbCall = (b) => ['do_provisioning_action', { action: b.target }]

/** Ironic's `_do_provision_action`: the conductor method of each verb. */
const VERB_CALLS: Readonly<Record<string, VerbCall>> = {
  active: deployCall,
  deploy: deployCall,
  rebuild: deployCall,
  unrescue: () => ['do_node_unrescue'],
  rescue: rescueCall,
  deleted: () => ['do_node_tear_down'],
  undeploy: () => ['do_node_tear_down'],
  inspect: () => ['inspect_hardware'],
  clean: cleanCall,
  service: serviceCall,
  manage: actionCall,
  provide: actionCall,
  abort: actionCall,
  adopt: actionCall,
  unhold: actionCall,
}

async function doProvisionAction(req: NodeRequest, node: NodeRecord, b: ProvisionBody) {
  const call = Object.hasOwn(VERB_CALLS, b.target) ? VERB_CALLS[b.target] : undefined
  if (!call) throw new InvalidStateRequestedError(b.target)
  const [method, params] = call(b, req.minor)
  await callNode(req, node, method, params)
}

async function provisionHandler(req: NodeRequest, reply: FastifyReply) {
  const args = nodeArgs(req, provisionArgSpec(req.minor))
  const node = await pathNode(req)
  const body = bodyOf(args)
  await checkRequest(req, node, body)
  await doProvisionAction(req, node, body)
  return reply
    .code(202)
    .header('Location', nodeUrl(req, `${req.params.ident}/states`))
    .send()
}
