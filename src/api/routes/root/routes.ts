/**
 * @module Version discovery: `GET /` and `GET /v1/`.
 */
import { IronicError } from '../../../common/errors.js'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { baseUrl, route } from '../../http.js'
import { MINOR, MIN_VERSION_STRING } from '../../versions.js'

/** Resources listed in /v1/ and the microversion from which each appears. */
const RESOURCES: ReadonlyArray<readonly [string, number]> = [
  ['chassis', 1],
  ['nodes', 1],
  ['ports', 1],
  ['drivers', 1],
  ['portgroups', MINOR.PORTGROUPS],
  ['volume', MINOR.VOLUME],
  ['lookup', MINOR.LOOKUP_HEARTBEAT],
  ['heartbeat', MINOR.LOOKUP_HEARTBEAT],
  ['conductors', MINOR.CONDUCTORS],
  ['allocations', MINOR.ALLOCATION],
  ['events', MINOR.EVENTS],
  ['deploy_templates', MINOR.DEPLOY_TEMPLATES],
  ['shards', MINOR.NODE_SHARD],
  ['runbooks', MINOR.RUNBOOKS],
  ['inspection_rules', MINOR.INSPECTION_RULES],
  ['continue_inspection', MINOR.CONTINUE_INSPECTION],
]

export function registerRootRoutes(app: FastifyInstance, maxVersion: string): void {
  const defaultVersion = (base: string) => ({
    id: 'v1',
    links: [{ href: `${base}/v1/`, rel: 'self' }],
    status: 'CURRENT',
    min_version: MIN_VERSION_STRING,
    version: maxVersion,
  })
  const rootDocument = (req: FastifyRequest) => {
    const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
    return {
      name: 'OpenStack Ironic API',
      description:
        'Ironic is an OpenStack project which enables the provision and management of baremetal machines.',
      default_version: defaultVersion(base),
      versions: [defaultVersion(base)],
    }
  }
  // Ironic's root controller answers every method with the document
  route(app, '/', {
    GET: rootDocument,
    POST: rootDocument,
    PUT: rootDocument,
    PATCH: rootDocument,
    DELETE: rootDocument,
  })
  route(app, '/v1/', {
    GET: (req: FastifyRequest) => {
      const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
      const doc: Record<string, unknown> = {
        id: 'v1',
        links: [
          { href: `${base}/v1/`, rel: 'self' },
          {
            href: 'https://docs.openstack.org//ironic/latest/contributor//webapi.html',
            rel: 'describedby',
            type: 'text/html',
          },
        ],
        media_types: { base: 'application/json', type: 'application/vnd.openstack.ironic.v1+json' },
      }
      for (const [name, since] of RESOURCES) {
        if (req.minor < since) continue
        doc[name] = [
          { href: `${base}/v1/${name}/`, rel: 'self' },
          { href: `${base}/${name}/`, rel: 'bookmark' },
        ]
      }
      doc.version = defaultVersion(base)
      return doc
    },
  }, {
    // pecan's generic 405 here, not the REST controllers' message
    notAllowed: () =>
      new IronicError(
        'The server could not comply with the request since it is either malformed or otherwise incorrect.',
        { code: 'METHOD_NOT_ALLOWED', status: 405 },
      ),
  })
}
