/**
 * @module Where Anvil answers differently from the recorded Ironic 21.4 on purpose: Ironic's
 * bugs (Anvil keeps the right answer) and changes made after 21.4 (Anvil follows master).
 */
import type { Answer, Difference, ReplayState } from './replay.js'
import { RECORDED_HOST } from './replay.js'

/** Ironic 21.4 bug: a body that is not JSON escapes as a 500; it is the client's error. */
export const BAD_JSON: Difference = {
  why: 'Ironic 21.4 bug: a body that is not JSON is a 500 with the decoder message',
  status: 400,
  faultstring: /^Invalid JSON in the request body: /,
}

/**
 * Ironic 21.4 bug: `?fields=bogus` on a list is a 500 "type object 'Node' has no attribute
 * 'bogus'"; Anvil answers as Ironic does for a single node.
 */
export const LIST_FIELDS_BOGUS: Difference = {
  why: "Ironic 21.4 bug: ?fields=bogus on a list is a 500 (AttributeError: type object 'Node')",
  status: 400,
  faultstring: 'Field bogus is not a valid field.',
}

/** Ironic bug (21.4 and master): a node's ports by node name are a 404 "Portgroup None". */
export const NODE_PORTS_BY_NAME: Difference = {
  why: 'Ironic bug: /v1/nodes/<name>/ports looks the node up by UUID only and 404s "Portgroup None"',
  status: 200,
  check: (res) => (Array.isArray((res.body as { ports?: unknown }).ports) ? [] : ['no ports list']),
}

/**
 * master's PATCH_ALLOWED_FIELDS, in its order; 21.4 lacks disable_power_off, instance_name,
 * parent_node and firmware_interface.
 */
const PATCHABLE =
  'automated_clean, bios_interface, boot_interface, chassis_uuid, conductor_group, ' +
  'console_interface, deploy_interface, description, disable_power_off, driver, driver_info, ' +
  'extra, inspect_interface, instance_info, instance_name, instance_uuid, lessee, maintenance, ' +
  'management_interface, name, network_data, network_interface, owner, power_interface, ' +
  'properties, protected, protected_reason, raid_interface, rescue_interface, resource_class, ' +
  'retired, retired_reason, shard, storage_interface, vendor_interface, parent_node, ' +
  'firmware_interface'

/** master: the list of patchable fields has the four fields added after 21.4. */
export function cannotPatch(path: string): Difference {
  return {
    why: 'master: disable_power_off, instance_name, parent_node, firmware_interface are patchable',
    status: 400,
    faultstring: `Cannot patch ${path}. Only the following can be updated: ${PATCHABLE}`,
  }
}

/** master: servicing (1.87) added the `service failure` fault. */
export const FAULT_BOGUS: Difference = {
  why: "master: the valid faults include 'service failure' (servicing, 1.87)",
  status: 400,
  faultstring:
    'Unrecognized fault "bogus" is specified, allowed faults are ' +
    "('power failure', 'clean failure', 'rescue abort failure', 'service failure')",
}

/**
 * Ironic names the interface by the repr of a Python object (`<ironic.drivers.modules.ipmitool.
 * IPMIPower object at 0x7f…>`) and the hardware type by its class; Anvil uses the API names.
 */
export const UNSUPPORTED_BY_HW: Difference = {
  why: 'Ironic prints a Python object repr and class name; Anvil prints the API names',
  status: 400,
  faultstring:
    "power interface implementation 'ipmitool' is not supported by hardware type " +
    'manual-management.',
}

/** master knows parent_node (1.83): at 1.82 it is too new (406), not an unknown property. */
export const PARENT_NODE_AT_1_82: Difference = {
  why: 'master: parent_node exists from 1.83, so at 1.82 it is a too-new field (406)',
  status: 406,
  faultstring: 'Request not acceptable.',
}

/**
 * The `next` link of a default node list below 1.8: Ironic 21.4 puts `fields=...,name` in it,
 * and following it fails with 406 (fields need 1.8, name 1.5). Anvil leaves `fields` out.
 */
export function nextWithoutFields(limit: number): (res: Answer, state: ReplayState) => string[] {
  return (res) => {
    const body = res.body as { nodes: Array<{ uuid: string }>; next?: string }
    const last = body.nodes.at(-1)?.uuid
    const query = `sort_key=id&sort_dir=asc&limit=${limit}&marker=${last}`
    const wanted = `http://${RECORDED_HOST}/v1/nodes?${query}`
    return body.next === wanted ? [] : [`next: wanted ${wanted}, got ${body.next}`]
  }
}

/** The version Anvil worked at, from its answer's header. */
export function versionIs(version: string): (res: Answer) => string[] {
  return (res) => {
    const got = res.headers['x-openstack-ironic-api-version']
    if (got === version) return []
    return [`X-OpenStack-Ironic-API-Version: wanted ${version}, got ${String(got)}`]
  }
}

// ---- the groups recorded later (fixtures 1001 on: volume, vifs, console, bios, raid, shards,
// allocations, deploy templates)

/**
 * Ironic bug (21.4 and master): `check_volume_list_policy` looks the parent node up by UUID only,
 * so /v1/nodes/<name>/volume/{connectors,targets} is a 404 although every other node path takes
 * a name. Anvil takes a name here too (as for /v1/nodes/<name>/ports).
 */
export function volumeListByName(key: 'connectors' | 'targets'): Difference {
  return {
    why: 'Ironic bug: /v1/nodes/<name>/volume/* finds the node by UUID only (404 "Node <name>")',
    status: 200,
    check: (res) => {
      const items = (res.body as Record<string, unknown> | null)?.[key]
      return Array.isArray(items) && items.length > 0 ? [] : [`no ${key} listed`]
    },
  }
}

/**
 * Ironic 21.4 bug: a handler that takes no query argument gets an unknown one as a keyword
 * and fails with TypeError (500 "...get_all() got an unexpected keyword argument 'bogus'").
 */
export const UNEXPECTED_ARGUMENT: Difference = {
  why: 'Ironic 21.4 bug: an unknown query argument is a 500 TypeError in handlers without any',
  status: 400,
  faultstring: 'Unexpected arguments: bogus',
}

/**
 * PUT /v1/nodes/{node}/states/console with a body that is not JSON: Ironic 21.4 ignores the body
 * (pecan finds no `enabled` in it) and answers 400 "Missing mandatory parameter: enabled";
 * Anvil refuses the body itself, as for every request (see BAD_JSON).
 */
export const CONSOLE_BAD_JSON: Difference = {
  why: 'Ironic 21.4 ignores a console body that is not JSON (400, missing "enabled")',
  status: 400,
  faultstring: /^Invalid JSON in the request body: /,
}

/**
 * master validates the BIOS endpoints' query and path with JSON schemas
 * (`api/schemas/v1/bios.py`, "Schema error: ..."); 21.4 used `args.validate` and
 * `get_request_return_fields` ("Invalid query parameter ?fields=['name'] received.",
 * "Unexpected arguments: fields", "Expected name for setting_name: ...").
 */
export function biosSchemaError(message: string): Difference {
  return {
    why: 'master: the BIOS endpoints check their query and path with api/schemas/v1/bios.py',
    status: 400,
    faultstring: `Schema error: ${message}`,
  }
}

/** The enum of master's `?fields=` for BIOS settings (≥1.74), in the schema's order. */
export const BIOS_FIELD_CHOICES =
  "['allowable_values', 'attribute_type', 'created_at', 'lower_bound', 'links', 'max_length', " +
  "'min_length', 'name', 'node_uuid', 'read_only', 'reset_required', 'unique', 'updated_at', " +
  "'value']"

/**
 * Ironic bug: `?fields=links` on a BIOS list is a 500 ("'BIOSSetting' object has no attribute
 * 'links'"), though master's query schema lists `links`; Anvil answers with the asked fields.
 */
export const BIOS_FIELDS_LINKS: Difference = {
  why: "Ironic bug: ?fields=...,links on a BIOS list is a 500 (AttributeError on 'links')",
  status: 200,
  check: (res) => {
    const first = (res.body as { bios?: Array<Record<string, unknown>> }).bios?.[0]
    const keys = Object.keys(first ?? {}).join(',')
    return keys === 'created_at,updated_at,name,value,links' ? [] : [`keys: ${keys}`]
  },
}

/**
 * Ironic bug: GET /v1/nodes/{node}/states/raid falls through to `NodeStatesController.get` and
 * fails with TypeError (500 "get() takes 2 positional arguments but 3 were given"); Anvil has
 * only PUT there.
 */
export const RAID_GET: Difference = {
  why: 'Ironic bug: GET states/raid is a 500 TypeError in NodeStatesController.get',
  status: 405,
  faultstring: 'The method GET is not allowed for this resource.',
}

/**
 * Ironic answers a request accepting no JSON from webob, whose body puts plain text in
 * `error_message`; Anvil sends the same 406 in its one error format (a JSON faultstring).
 */
export const ACCEPT_XML: Difference = {
  why: 'error format: webob text in error_message; Anvil keeps its faultstring format for every error',
  status: 406,
  faultstring:
    'The resource could not be generated that was acceptable to your browser (content of type application/xml. ',
}
