/**
 * @module Builds the Bare Metal API v1 HTTP application (fastify) around its dependencies.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import { NotAcceptableError, NotFoundError } from '../common/errors.js'
import type { ApiDeps } from './deps.js'
import { errorBody, makeErrorHandler } from './error-handler.js'
import { registerConductorRoutes } from './routes/conductors/routes.js'
import { registerDriverRoutes } from './routes/drivers/routes.js'
import { registerNodeTagRoutes } from './routes/node-tags/routes.js'
import { registerNodeRoutes } from './routes/nodes/routes.js'
import { registerPortRoutes } from './routes/ports/routes.js'
import { registerPortgroupRoutes } from './routes/portgroups/routes.js'
import { registerChassisRoutes } from './routes/chassis/routes.js'
import { registerRootRoutes } from './routes/root/routes.js'
import { registerNodePowerRoutes } from './routes/node-power/routes.js'
import { registerNodeManagementRoutes } from './routes/node-management/routes.js'
import { registerNodeTraitRoutes } from './routes/node-traits/routes.js'
import { registerNodeHistoryRoutes } from './routes/node-history/routes.js'
import { registerNodeMiscRoutes } from './routes/node-misc/routes.js'
import { registerNodeProvisionRoutes } from './routes/node-provision/routes.js'
import { registerDeployTemplateRoutes } from './routes/deploy-templates/routes.js'
import { registerAllocationRoutes } from './routes/allocations/routes.js'
import { registerVolumeRoutes } from './routes/volume/routes.js'
import { registerRunbookRoutes } from './routes/runbooks/routes.js'
import { registerNodeVifRoutes } from './routes/node-vifs/routes.js'
import { registerNodeConsoleRoutes } from './routes/node-console/routes.js'
import { registerNodeBiosRoutes } from './routes/node-bios/routes.js'
import { registerNodeInventoryRoutes } from './routes/node-inventory/routes.js'
import { registerShardRoutes } from './routes/shards/routes.js'
import { registerNodeChildrenRoutes } from './routes/node-children/routes.js'
import { registerNodeFirmwareRoutes } from './routes/node-firmware/routes.js'
import {
  MAX_MINOR,
  MAX_VERSION_HEADER,
  MIN_VERSION_HEADER,
  MIN_VERSION_STRING,
  VERSION_HEADER,
  negotiateMinor,
} from './versions.js'

export interface AppOptions {
  /** pino logger options, or false for none */
  logger?: boolean | object
  /** Advertised maximum minor version (`[DEFAULT]pin_release_version` lowers it). */
  maxMinor?: number
}

/** A function that registers one resource's routes on the app. */
export type RouteModule = (app: FastifyInstance) => void

const ROUTE_MODULES: RouteModule[] = [
  registerNodeRoutes,
  registerDriverRoutes,
  registerConductorRoutes,
  registerNodeTagRoutes,
  registerPortRoutes,
  registerPortgroupRoutes,
  registerChassisRoutes,
  registerNodePowerRoutes,
  registerNodeManagementRoutes,
  registerNodeTraitRoutes,
  registerNodeHistoryRoutes,
  registerNodeMiscRoutes,
  registerNodeProvisionRoutes,
  registerDeployTemplateRoutes,
  registerAllocationRoutes,
  registerVolumeRoutes,
  registerRunbookRoutes,
  registerNodeVifRoutes,
  registerNodeConsoleRoutes,
  registerNodeBiosRoutes,
  registerNodeInventoryRoutes,
  registerShardRoutes,
  registerNodeChildrenRoutes,
  registerNodeFirmwareRoutes,
]

/** Builds the API around its dependencies; `extra` route modules are registered after Anvil's. */
export function buildApp(deps: ApiDeps, opts: AppOptions = {}, extra: RouteModule[] = []): FastifyInstance {
  const maxMinor = opts.maxMinor ?? MAX_MINOR
  const maxVersion = `1.${maxMinor}`
  const app = Fastify({
    logger: opts.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.settings.bodyLimit,
    routerOptions: {
      ignoreTrailingSlash: true,
      ignoreDuplicateSlashes: true,
      caseSensitive: true,
      maxParamLength: 1024,
    },
    return503OnClosing: true,
    // Ironic serves every path with or without the /v1 prefix (bookmark links rely on it).
    rewriteUrl: (req) => {
      const url = req.url ?? '/'
      if (url === '/' || url.startsWith('/v1/') || url === '/v1' || url.startsWith('/v1?') || url.startsWith('/?')) {
        return url
      }
      return `/v1${url}`
    },
    genReqId: () => `req-${randomUUID()}`,
  })
  app.decorate('deps', deps)
  app.decorateRequest('minor', 0)

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('OpenStack-Request-Id', req.id)
    void reply.header('X-OpenStack-Request-Id', req.id)
    refuseUnacceptable(req.headers.accept)
    // Version discovery at / answers whatever version is asked for, as Ironic does.
    if (req.url === '/' || req.url.startsWith('/?')) return
    void reply.header(MIN_VERSION_HEADER, MIN_VERSION_STRING)
    void reply.header(MAX_VERSION_HEADER, maxVersion)
    const h = req.headers
    req.minor = negotiateMinor(
      h['x-openstack-ironic-api-version'] as string | undefined,
      h['openstack-api-version'] as string | undefined,
      maxMinor,
    )
    void reply.header(VERSION_HEADER, `1.${req.minor}`)
  })

  // Ironic parses the body as JSON whatever the Content-Type says.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim()
    if (text === '') return done(null, undefined)
    try {
      done(null, JSON.parse(text))
    } catch (err) {
      const e = err as Error
      done(Object.assign(new SyntaxError(e.message), { statusCode: 400 }), undefined)
    }
  })

  app.setErrorHandler(makeErrorHandler(deps.settings.bodyLimit))
  app.setNotFoundHandler((req, reply) => {
    void reply
      .code(404)
      .type('application/json')
      .send(errorBody(404, new NotFoundError().message))
    void req
  })

  registerRootRoutes(app, maxVersion)
  for (const register of [...ROUTE_MODULES, ...extra]) register(app)
  return app
}

/** Media ranges of an `Accept` header that a JSON answer satisfies. */
const JSON_RANGES = new Set(['*/*', 'application/*', 'application/json'])

/** 406 when the client accepts no JSON (`Accept: application/xml`), as webob refuses it. */
function refuseUnacceptable(accept: string | undefined): void {
  if (accept === undefined || accept.trim() === '') return
  const ranges = accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase())
  if (ranges.some((r) => JSON_RANGES.has(r) || r.endsWith('+json'))) return
  throw new NotAcceptableError(
    `The resource could not be generated that was acceptable to your browser (content of type ${accept}. `,
  )
}

