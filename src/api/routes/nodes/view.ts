/**
 * @module A node as the API shows it: registry fields at the request's version, sub-resource
 * links, secrets masked, legacy state names for old clients.
 */
import { maskDriverInfo, maskDriverInternalInfo, maskInstanceInfo } from '../../../common/mask.js'
import type { Database } from '../../../db/database.js'
import { type NodeRecord, tagsByNode, traitsByNode } from '../../../db/repos/nodes.js'
import type { ConductorDirectory } from '../../deps.js'
import { NODE_FIELDS, NODE_OPT_IN_FIELDS } from '../../fields/nodes.js'
import { links } from '../../http.js'
import { type ApiObject, serializeRow } from '../../serialize.js'
import { MINOR } from '../../versions.js'

export interface NodeViewOptions {
  minor: number
  base: string
  /** names from `fields=`, or undefined for every field */
  fields: readonly string[] | undefined
  conductors: ConductorDirectory
}

/** Loads what the computed fields of these nodes need (traits, tags) in two queries. */
export async function loadNodeExtras(
  database: Database,
  nodes: readonly NodeRecord[],
  opts: { minor: number; fields: readonly string[] | undefined },
): Promise<{ traits: Map<number, string[]>; tags: Map<number, string[]> }> {
  const ids = nodes.map((n) => n.id)
  const wants = (name: string) => (opts.fields ? opts.fields.includes(name) : !NODE_OPT_IN_FIELDS.has(name))
  const traits =
    opts.minor >= MINOR.NODE_TRAITS && wants('traits') ? await traitsByNode(database.db, ids) : new Map()
  const tags = opts.fields?.includes('tags') ? await tagsByNode(database.db, ids) : new Map()
  return { traits, tags }
}

/** The API object of one node. */
export function nodeView(
  node: NodeRecord,
  extras: { traits: Map<number, string[]>; tags: Map<number, string[]> },
  opts: NodeViewOptions,
): ApiObject {
  const { minor, base, fields } = opts
  const wants = (name: string) => !fields || fields.includes(name)
  const computed: Record<string, unknown> = {
    chassis_uuid: node.chassis_uuid,
    allocation_uuid: node.allocation_uuid,
    traits: extras.traits.get(node.id) ?? [],
    tags: extras.tags.get(node.id) ?? [],
    conductor: minor >= MINOR.CONDUCTORS && wants('conductor') ? opts.conductors.conductorFor(node) : null,
  }
  const out = serializeRow(NODE_FIELDS, node as unknown as Record<string, unknown>, minor, computed, fields, NODE_OPT_IN_FIELDS)
  maskSecrets(out)
  if ('provision_state' in out) {
    if (minor < MINOR.AVAILABLE_STATE && out.provision_state === 'available') out.provision_state = null
    if (minor < MINOR.INSPECT_WAIT && out.provision_state === 'inspect wait') out.provision_state = 'inspecting'
  }
  out.links = links(base, `nodes/${node.uuid}`)
  if (!fields) {
    out.ports = links(base, `nodes/${node.uuid}/ports`)
    if (minor >= MINOR.LINKS_NODESTATES_DRIVERPROPERTIES) out.states = links(base, `nodes/${node.uuid}/states`)
    if (minor >= MINOR.PORTGROUPS_SUBCONTROLLERS) out.portgroups = links(base, `nodes/${node.uuid}/portgroups`)
    if (minor >= MINOR.VOLUME) out.volume = links(base, `nodes/${node.uuid}/volume`)
  }
  return out
}

function maskSecrets(out: ApiObject): void {
  if (isObject(out.driver_info)) out.driver_info = maskDriverInfo(out.driver_info)
  if (isObject(out.instance_info)) out.instance_info = maskInstanceInfo(out.instance_info)
  if (isObject(out.driver_internal_info)) {
    out.driver_internal_info = maskDriverInternalInfo(out.driver_internal_info)
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}
