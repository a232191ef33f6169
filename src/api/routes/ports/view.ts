/**
 * @module Ports as the API shows them, and the ordered object builder the port, portgroup and
 * chassis views share (Ironic's `object_to_dict` + `sanitize_dict`: fields in the resource's
 * order, `links`, then the sub-resource links).
 */
import type { ResourceFields } from '../../fields/registry.js'
import { PORT_FIELDS, PORT_FIELDS_AFTER_LINKS } from '../../fields/ports.js'
import { links } from '../../http.js'
import { type ApiObject, serializeRow } from '../../serialize.js'
import { MINOR } from '../../versions.js'
import type { PortRecord } from '../../../db/repos/ports.js'

/** How a request wants resources shown. */
export interface ViewOptions {
  minor: number
  base: string
  /** names from `fields=` (or a list's defaults), or undefined for every field */
  fields: readonly string[] | undefined
}

/** What a resource's object is made of, besides its registry fields. */
export interface ResourceShape {
  fields: ResourceFields
  /** `<collection>/<uuid>` of the `links` */
  path: string
  /** registry fields Ironic places after `links` */
  afterLinks?: readonly string[]
  /** links to sub-collections, placed last (`ports`, `nodes`) */
  subLinks?: Record<string, unknown>
  computed?: Record<string, unknown>
}

/** Builds one resource object in Ironic's key order, keeping `links` whatever `fields` says. */
export function resourceView(
  shape: ResourceShape,
  row: Record<string, unknown>,
  opts: ViewOptions,
  minor = opts.minor,
): ApiObject {
  const selected = opts.fields
    ? shape.fields.all.map((f) => f.name).filter((n) => opts.fields!.includes(n))
    : undefined
  const values = serializeRow(shape.fields, row, minor, shape.computed ?? {}, selected)
  const after = shape.afterLinks ?? []
  const out: ApiObject = {}
  for (const [k, v] of Object.entries(values)) if (!after.includes(k)) out[k] = v
  out.links = links(opts.base, shape.path)
  for (const [k, v] of Object.entries(values)) if (after.includes(k)) out[k] = v
  for (const [k, v] of Object.entries(shape.subLinks ?? {})) {
    if (!opts.fields || opts.fields.includes(k)) out[k] = v
  }
  return out
}

const VTEP_KEYS = ['vtep-logical-switch', 'vtep-physical-switch']

/** The API object of one port. */
export function portView(port: PortRecord, opts: ViewOptions): ApiObject {
  const out = resourceView(
    {
      fields: PORT_FIELDS,
      path: `ports/${port.uuid}`,
      afterLinks: PORT_FIELDS_AFTER_LINKS,
      computed: { node_uuid: port.node_uuid, portgroup_uuid: port.portgroup_uuid },
    },
    port as unknown as Record<string, unknown>,
    opts,
  )
  // OVN VTEP switches only exist for 1.90 to 1.104 clients; others see an empty connection.
  const llc = out.local_link_connection as Record<string, unknown> | undefined
  const vtep = opts.minor >= MINOR.OVN_VTEP && opts.minor < MINOR.REMOVE_OVN_VTEP
  if (llc && !vtep && Object.keys(llc).some((k) => VTEP_KEYS.includes(k))) {
    out.local_link_connection = {}
  }
  return out
}
