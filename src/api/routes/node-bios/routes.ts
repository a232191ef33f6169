/**
 * @module /v1/nodes/{node}/bios (≥1.40): a node's cached BIOS settings, and one of them
 * (Ironic's `NodeBiosController`), read from the `bios_settings` table. The registry fields,
 * `detail` and `fields` come with 1.74.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { InvalidParameterValueError, IronicError, NotFoundError } from '../../../common/errors.js'
import { findBiosSetting, listBiosSettings } from '../../../db/repos/bios.js'
import { baseUrl, route } from '../../http.js'
import { MINOR } from '../../versions.js'
import {
  boolean,
  kwargsOf,
  string,
  uuidOrName,
  validateArgs,
  type ArgValidator,
} from '../node-misc/args.js'
import { pathNode, type NodeRequest } from '../node-misc/node-call.js'
import { checkFieldNames, checkNoQuery, checkSettingName, unexpectedProperties } from './schema.js'
import { biosView, DEFAULT_FIELDS, REGISTRY_FIELDS } from './view.js'

type SettingRequest = FastifyRequest<{ Params: { ident: string; setting: string } }>

/** Registers the BIOS endpoints. */
export function registerNodeBiosRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/bios', { GET: listSettings })
  route(app, '/v1/nodes/:ident/bios/:setting', { GET: showSetting })
}

/** 404 `BIOSSettingNotFound`. */
export class BiosSettingNotFoundError extends IronicError {
  constructor(node: string, name: string) {
    super(`Node ${node} doesn't have a BIOS setting '${name}'`, {
      code: 'BIOS_SETTING_NOT_FOUND',
      status: 404,
      details: { node, name },
    })
  }
}

/** The node segment first (Ironic's `_lookup`: 400), then the version (404 before 1.40). */
function gate(req: NodeRequest): void {
  uuidOrName('node', req.params.ident)
  if (req.minor < MINOR.BIOS_INTERFACE) throw new NotFoundError()
}

/** `args.string_list`: a comma-separated string split, trimmed, lower-cased and deduplicated. */
const stringList: ArgValidator = (name, value) => {
  if (value === null) return null
  if (Array.isArray(value)) return value.map((v) => string(name, v) as string)
  const items: string[] = []
  for (const raw of String(string(name, value)).split(',')) {
    const v = raw.trim().toLowerCase()
    if (v !== '' && !items.includes(v)) items.push(v)
  }
  return items
}

/** The fields a list shows, checked as Ironic's decorators and `get_request_return_fields` do. */
function listFields(req: NodeRequest): { detail: boolean; fields: readonly string[] | undefined } {
  const args = validateArgs(kwargsOf(req, { bodyArgs: false }), [
    ['detail', boolean],
    ['fields', stringList],
  ])
  const given = ['detail', 'fields'].filter((k) => Object.hasOwn(args, k))
  if (given.length > 0 && req.minor < MINOR.BIOS_REGISTRY) throw unexpectedProperties(given)
  const fields = args.fields as string[] | undefined
  if (fields) checkFieldNames(fields)
  return { detail: args.detail === true, fields }
}

async function listSettings(req: NodeRequest) {
  gate(req)
  const asked = listFields(req)
  const node = await pathNode(req, 'node')
  if (asked.fields !== undefined && asked.detail) {
    throw new InvalidParameterValueError(
      'Can not specify ?detail=True and fields in the same request.',
    )
  }
  const fields = asked.detail ? REGISTRY_FIELDS : (asked.fields ?? DEFAULT_FIELDS)
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  const rows = await listBiosSettings(req.server.deps.database.db, node.id)
  // Ironic links the list's settings under the node as the client named it.
  return { bios: rows.map((row) => biosView(row, { base, node: req.params.ident, fields })) }
}

async function showSetting(req: SettingRequest) {
  gate(req)
  const name = req.params.setting
  checkSettingName(name)
  checkNoQuery(kwargsOf(req, { bodyArgs: false }))
  const node = await pathNode(req, 'node')
  const row = await findBiosSetting(req.server.deps.database.db, node.id, name)
  if (!row) throw new BiosSettingNotFoundError(node.uuid, name)
  const fields = req.minor >= MINOR.BIOS_REGISTRY ? REGISTRY_FIELDS : DEFAULT_FIELDS
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  return { [name]: biosView(row, { base, node: node.uuid, fields }) }
}
