/**
 * @module /v1/volume (≥1.32): the link document, volume connectors and volume targets (list,
 * show, create, update with JSON PATCH, delete), and the same under /v1/nodes/{node}/volume,
 * where only lists are allowed (Ironic's VolumeController and its two sub-controllers).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { IronicError, MethodNotAllowedError } from '../../../common/errors.js'
import { baseUrl, etagOf, route, type Handler } from '../../http.js'
import type { Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import {
  operationNotPermitted,
  pecanAbort,
  queryArgs,
  resourceNotFound,
  stringListArg,
  uuidArg,
} from '../ports/args.js'
import { checkFieldsExist } from '../ports/collection.js'
import { checkPathIdent } from '../ports/routes.js'
import { CONNECTORS, TARGETS, type VolumeKind } from './kinds.js'
import { listVolumesHandler } from './list.js'
import { volumeLinksView, volumeView } from './view.js'
import {
  createVolume,
  deleteVolume,
  getVolume,
  patchVolume,
  type VolumeRequest,
} from './write.js'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/** A handler of one kind, given the node of a /v1/nodes/{node}/volume path (if any). */
type VolumeHandler = (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  req: FastifyRequest<any>,
  reply: FastifyReply,
  parent: string | undefined,
) => unknown

/** The node of a /v1/nodes/{node}/volume path, checked as the node controller's `_lookup`. */
function pathNode(req: FastifyRequest): string {
  const ident = (req.params as { ident: string }).ident
  checkPathIdent('node', ident)
  return ident
}

/** Registers /v1/volume and /v1/nodes/{node}/volume. */
export function registerVolumeRoutes(app: FastifyInstance): void {
  route(app, '/v1/volume', { GET: (req) => rootHandler(req) })
  route(app, '/v1/nodes/:ident/volume', { GET: (req) => rootHandler(req, pathNode(req)) })
  for (const kind of [CONNECTORS, TARGETS]) {
    registerKind(app, kind, '/v1/volume', () => undefined)
    registerKind(app, kind, '/v1/nodes/:ident/volume', pathNode)
  }
}

/**
 * The collection and member routes of one kind under `prefix`. Every method first checks the
 * path (`parentOf`), then the version (404 from pecan below 1.32), as Ironic's routing does.
 */
function registerKind(
  app: FastifyInstance,
  kind: VolumeKind,
  prefix: string,
  parentOf: (req: FastifyRequest) => string | undefined,
): void {
  const gated = (handlers: Partial<Record<Method, VolumeHandler>>) =>
    Object.fromEntries(
      METHODS.map((m): [Method, Handler] => [
        m,
        (req: FastifyRequest, reply: FastifyReply) => {
          const parent = parentOf(req)
          if (req.minor < MINOR.VOLUME) throw pecanAbort(404)
          const handler = handlers[m]
          if (!handler) throw new MethodNotAllowedError(req.method)
          return handler(req, reply, parent)
        },
      ]),
    )
  const missing = () => {
    throw new IronicError(`Missing mandatory parameter: ${kind.uuidArg}`, {
      code: 'MISSING_PARAMETER',
      status: 400,
    })
  }
  route(
    app,
    `${prefix}/${kind.key}`,
    gated({
      GET: (req: FastifyRequest, _reply, parent) => listVolumesHandler(kind, req, parent),
      POST: (req: FastifyRequest, reply, parent) => createHandler(kind, req, reply, parent),
      PATCH: missing,
      DELETE: missing,
    }),
  )
  route(
    app,
    `${prefix}/${kind.key}/:volume`,
    gated({
      GET: (req: VolumeRequest, reply, parent) => showHandler(kind, req, reply, parent),
      PATCH: async (req: VolumeRequest, reply, parent) => {
        const row = await patchVolume(kind, req, parent)
        void reply.header('ETag', etagOf(row))
        return volumeView(kind, row, req)
      },
      DELETE: async (req: VolumeRequest, reply, parent) => {
        await deleteVolume(kind, req, parent)
        return reply.code(204).send()
      },
    }),
  )
}

/** `VolumeController.get`: the links, from 1.32 (before, Ironic's bare NotFound). */
function rootHandler(req: FastifyRequest, node?: string) {
  if (req.minor < MINOR.VOLUME) throw resourceNotFound()
  return volumeLinksView(req, node)
}

/** GET of one connector or target; under a node Ironic finds it, then refuses (403). */
async function showHandler(
  kind: VolumeKind,
  req: VolumeRequest,
  reply: FastifyReply,
  parent: string | undefined,
) {
  const q = queryArgs(req.query as Query, ['fields'])
  uuidArg(kind.uuidArg, req.params.volume)
  const fields = stringListArg(q.fields)
  const row = await getVolume(kind, req, req.params.volume)
  if (parent !== undefined) throw operationNotPermitted()
  checkFieldsExist(kind.fields, fields, req.minor)
  void reply.header('ETag', etagOf(row))
  return volumeView(kind, row, req, fields)
}

async function createHandler(
  kind: VolumeKind,
  req: FastifyRequest,
  reply: FastifyReply,
  parent: string | undefined,
) {
  const row = await createVolume(kind, req, parent)
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  void reply
    .code(201)
    .header('Location', `${base}/v1/${kind.path}/${row.uuid}`)
    .header('ETag', etagOf(row))
  return volumeView(kind, row, req)
}
