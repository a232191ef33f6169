/**
 * @module Volume connectors and targets as the API shows them (Ironic's `convert_with_links`:
 * the fields in Ironic's order, `links`, then `node_uuid`), and the link documents of
 * /v1/volume and /v1/nodes/{node}/volume.
 */
import type { FastifyRequest } from 'fastify'
import { baseUrl, links } from '../../http.js'
import type { ApiObject } from '../../serialize.js'
import { resourceView } from '../ports/view.js'
import type { VolumeKind, VolumeRecord } from './kinds.js'

/** The base URL of the request's answers. */
export function requestBase(req: FastifyRequest): string {
  return baseUrl(req, req.server.deps.settings.publicEndpoint)
}

/** The API object of one connector or target; `fields` keeps only those (and `links`). */
export function volumeView(
  kind: VolumeKind,
  row: VolumeRecord,
  req: FastifyRequest,
  fields?: readonly string[],
): ApiObject {
  const out = resourceView(
    {
      fields: kind.fields,
      path: `${kind.path}/${row.uuid}`,
      afterLinks: ['node_uuid'],
      computed: { node_uuid: row.node_uuid },
    },
    row,
    { minor: req.minor, base: requestBase(req), fields },
  )
  kind.sanitize?.(out)
  return out
}

/**
 * `GET /v1/volume` or `GET /v1/nodes/{node}/volume`: links to the volume root and to its
 * connectors and targets. The node is named as the path names it, and not looked up.
 */
export function volumeLinksView(req: FastifyRequest, node?: string): ApiObject {
  const prefix = node === undefined ? 'volume/' : `nodes/${node}/volume/`
  const base = requestBase(req)
  return {
    links: links(base, prefix),
    connectors: links(base, `${prefix}connectors`),
    targets: links(base, `${prefix}targets`),
  }
}
