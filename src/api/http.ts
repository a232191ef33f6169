/**
 * @module Small HTTP helpers shared by every route: per-request microversion, route
 * registration with 405 for other methods, links, ETags.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { MethodNotAllowedError, PreconditionFailedError } from '../common/errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The negotiated minor version of API v1 (1 for requests outside /v1). */
    minor: number
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (req: FastifyRequest<any>, reply: FastifyReply) => Promise<unknown> | unknown

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/**
 * Registers the handlers of one path; other methods answer 405 as Ironic does, with an `Allow`
 * header. Pecan lists the methods of the whole controller there, so a collection path whose
 * controller also has PATCH and DELETE (on its members) names them in `allow`.
 * @example route(app, '/v1/chassis/:id', { GET: showChassis, PATCH: patchChassis })
 */
export function route(
  app: FastifyInstance,
  url: string,
  handlers: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>,
  opts: { allow?: readonly HTTPMethods[]; notAllowed?: (method: string) => Error } = {},
): void {
  for (const [method, handler] of Object.entries(handlers)) {
    app.route({ method: method as HTTPMethods, url, handler: handler as Handler })
  }
  const allow = [...(opts.allow ?? Object.keys(handlers))].sort()
  const others = METHODS.filter((m) => !(m in handlers))
  if (others.length > 0) {
    app.route({
      method: others as HTTPMethods[],
      url,
      handler: (req) => {
        throw opts.notAllowed?.(req.method) ?? new MethodNotAllowedError(req.method, allow)
      },
    })
  }
}

/** What pecan's `Allow` lists for a collection of a controller with members: all of it. */
export const COLLECTION_ALLOW: readonly HTTPMethods[] = ['DELETE', 'GET', 'PATCH', 'POST']

/** Base URL the client used (or `[api]public_endpoint`), without a trailing slash. */
export function baseUrl(req: FastifyRequest, publicEndpoint: string | null): string {
  if (publicEndpoint) return publicEndpoint.replace(/\/+$/, '')
  return `${req.protocol}://${req.headers.host ?? 'localhost'}`
}

export interface Link {
  href: string
  rel: 'self' | 'bookmark'
}

/** Ironic's pair of links: `<base>/v1/<path>` (self) and `<base>/<path>` (bookmark). */
export function links(base: string, path: string): Link[] {
  return [
    { href: `${base}/v1/${path}`, rel: 'self' },
    { href: `${base}/${path}`, rel: 'bookmark' },
  ]
}

/** The strong ETag of a stored resource: its revision and creation time. */
export function etagOf(row: { revision: number; created_at: string }): string {
  return `"${row.revision.toString(36)}-${Date.parse(row.created_at).toString(36)}"`
}

/** Throws 412 when the request's If-Match names none of the resource's current ETag. */
export function checkIfMatch(req: FastifyRequest, etag: string): void {
  const header = req.headers['if-match']
  if (header === undefined) return
  const wanted = header.split(',').map((t) => t.trim().replace(/^W\//, ''))
  if (!wanted.includes('*') && !wanted.includes(etag)) throw new PreconditionFailedError()
}
