/**
 * @module GET /v1/nodes/{node}/firmware (≥1.86): the firmware components a node's firmware
 * interface cached, with their versions (Ironic's `NodeFirmwareController`). The identity
 * fields `vendor`, `model` and `serial_number` come with 1.114.
 */
import type { FastifyInstance } from 'fastify'
import { InvalidParameterValueError, NotFoundError } from '../../../common/errors.js'
import { listFirmwareComponents } from '../../../db/repos/firmware.js'
import { route } from '../../http.js'
import { MINOR } from '../../versions.js'
import {
  kwargsOf,
  string,
  uuidOrName,
  validateArgs,
  type ArgValidator,
} from '../node-misc/args.js'
import { pathNode, type NodeRequest } from '../node-misc/node-call.js'
import { validationError } from '../node-provision/jsonschema.js'
import { stringListArg } from '../ports/args.js'
import { DEFAULT_FIELDS, IDENTITY_FIELDS, QUERY_SCHEMA, firmwareView } from './view.js'

/** Registers the node firmware endpoint. */
export function registerNodeFirmwareRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/firmware', { GET: listFirmware })
}

/** `args.string_list`: a comma-separated string split, trimmed, lower-cased, deduplicated. */
const stringList: ArgValidator = (name, value) => {
  if (value === null) return null
  if (Array.isArray(value)) return value.map((v) => string(name, v))
  return stringListArg(string(name, value) as string)
}

/** `detail` is not converted: the schema sees the query's string. */
const asGiven: ArgValidator = (_name, value) => value

/**
 * The query checked as Ironic's decorators check it: unknown arguments (`@args.validate`), then
 * the schema ("Schema error: ...").
 */
function queryArgs(req: NodeRequest): { fields?: string[] } {
  const args = validateArgs(kwargsOf(req, { bodyArgs: false }), [
    ['detail', asGiven],
    ['fields', stringList],
  ])
  const error = validationError(QUERY_SCHEMA, args)
  if (error) throw new InvalidParameterValueError(`Schema error: ${error.message}`)
  return args as { fields?: string[] }
}

/** The fields to show: the defaults, or those asked for (identity fields only from 1.114). */
function returnFields(fields: readonly string[] | undefined, minor: number): readonly string[] {
  const identity: readonly string[] = IDENTITY_FIELDS
  if (minor >= MINOR.FIRMWARE_IDENTITY) return fields ?? [...DEFAULT_FIELDS, ...identity]
  const disallowed = (fields ?? []).filter((f) => identity.includes(f))
  if (disallowed.length > 0) {
    throw new InvalidParameterValueError(
      `Fields ${[...new Set(disallowed)].sort().join(', ')} are not allowed in this API ` +
        `version. They require at least API version 1.${MINOR.FIRMWARE_IDENTITY}.`,
    )
  }
  return fields ?? DEFAULT_FIELDS
}

/**
 * The node segment first (Ironic's `_lookup`: 400), then the version (404 before 1.86), the
 * query, the node (404), and the fields the version allows.
 */
async function listFirmware(req: NodeRequest) {
  uuidOrName('node', req.params.ident)
  if (req.minor < MINOR.FIRMWARE_INTERFACE) throw new NotFoundError()
  const { fields } = queryArgs(req)
  const node = await pathNode(req, 'node')
  const shown = returnFields(fields, req.minor)
  const rows = await listFirmwareComponents(req.server.deps.database.db, node.id)
  return { firmware: rows.map((row) => firmwareView(row, shown)) }
}
