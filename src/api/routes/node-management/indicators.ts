/**
 * @module /v1/nodes/{node}/management/indicators: the LEDs of a node's components, named
 * `<indicator>@<component>` (Ironic's `IndicatorController`; like Ironic, not version-gated).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { InvalidParameterValueError } from '../../../common/errors.js'
import { baseUrl, links, route } from '../../http.js'
import { string } from '../node-misc/args.js'
import { callNode, nodeArgs, pathNode, type NodeRequest } from '../node-misc/node-call.js'

type IndicatorRequest = FastifyRequest<{ Params: { ident: string; indicator: string } }>

/** One indicator of the driver's map (Ironic's defaults: read-only, no states). */
interface IndicatorFields {
  readonly?: boolean
  states?: readonly string[]
}

/** Registers the indicator endpoints. */
export function registerIndicatorRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/management/indicators', { GET: listIndicators })
  route(app, '/v1/nodes/:ident/management/indicators/:indicator', {
    GET: getIndicator,
    PUT: setIndicator,
  })
}

/** `led@system` → `{ name: 'led', component: 'system' }` (split at the first `@`). */
export function parseIndicator(unique: string): { name: string; component: string } {
  const at = unique.indexOf('@')
  if (at < 0) throw new InvalidParameterValueError(`Malformed indicator name "${unique}"`)
  return { name: unique.slice(0, at), component: unique.slice(at + 1) }
}

async function listIndicators(req: NodeRequest) {
  nodeArgs(req)
  const node = await pathNode(req)
  const map = await callNode<Record<string, Record<string, IndicatorFields>>>(
    req,
    node,
    'get_supported_indicators',
  )
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  const indicators = Object.entries(map).flatMap(([component, names]) =>
    Object.entries(names).map(([name, fields]) => {
      const unique = `${name}@${component}`
      return {
        name: unique,
        component,
        readonly: fields.readonly ?? true,
        states: fields.states ?? [],
        links: links(base, `nodes/${req.params.ident}/management/indicators/${unique}`),
      }
    }),
  )
  return { indicators }
}

async function getIndicator(req: IndicatorRequest) {
  nodeArgs(req, [['indicator', string]])
  const node = await pathNode(req)
  const { name, component } = parseIndicator(req.params.indicator)
  const state = await callNode(req, node, 'get_indicator_state', { component, indicator: name })
  return { state }
}

async function setIndicator(req: IndicatorRequest, reply: FastifyReply) {
  const args = nodeArgs(req, [
    ['indicator', string],
    ['state', string, true],
  ])
  const node = await pathNode(req)
  const { name, component } = parseIndicator(req.params.indicator)
  await callNode(req, node, 'set_indicator_state', {
    component,
    indicator: name,
    state: args.state,
  })
  return reply.code(204).send()
}
