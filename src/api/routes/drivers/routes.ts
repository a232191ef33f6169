/**
 * @module /v1/drivers: the hardware types the active conductors serve, one of them, its
 * properties and its RAID logical disk properties.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { IronicError, InvalidParameterValueError } from '../../../common/errors.js'
import {
  activeHardwareInterfaces,
  activeHardwareTypes,
  type HardwareInterfaceRecord,
} from '../../../db/repos/conductors.js'
// The schema's descriptions are the same for every RAID interface Ironic ships; see the report.
import { DRIVER_TYPES } from '../../fields/drivers.js'
import { baseUrl, route } from '../../http.js'
import { notAcceptable, type Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import { booleanArg, checkArgs, selectFields, stringArg, stringListArg } from './args.js'
import { driverView, heartbeatCutoff } from './view.js'

type DriverReq = FastifyRequest<{ Params: { name: string } }>

export function registerDriverRoutes(app: FastifyInstance): void {
  route(app, '/v1/drivers', { GET: listHandler })
  route(app, '/v1/drivers/:name', { GET: showHandler })
  route(app, '/v1/drivers/:name/properties', { GET: propertiesHandler })
  route(app, '/v1/drivers/:name/raid/logical_disk_properties', { GET: raidPropertiesHandler })
}

function driverNotFound(message: string): IronicError {
  return new IronicError(message, { code: 'DRIVER_NOT_FOUND', status: 404 })
}

/** `fields` on drivers needs 1.77 (a bare 406 below). */
function checkDriverFields(fields: string[] | undefined, minor: number): void {
  if (fields !== undefined && minor < MINOR.DRIVER_FIELDS_SELECTOR) throw notAcceptable()
}

async function listHandler(req: FastifyRequest) {
  const query = req.query as Query
  const minor = req.minor
  checkArgs(query, ['type', 'detail', 'fields'])
  const type = stringArg(query, 'type')
  const detail = booleanArg(query, 'detail')
  const fields = stringListArg(query, 'fields')
  if (fields && fields.length > 0 && detail) {
    throw new InvalidParameterValueError(
      'Can not specify ?detail=True and fields in the same request.',
    )
  }
  if ((detail !== undefined || type !== undefined) && minor < MINOR.DYNAMIC_DRIVERS) {
    throw notAcceptable(MINOR.DYNAMIC_DRIVERS)
  }
  checkDriverFields(fields, minor)
  if (type !== undefined && !DRIVER_TYPES.includes(type)) {
    throw new InvalidParameterValueError(
      '"type" filter must be one of "classic" or "dynamic", if specified.',
    )
  }
  const { db } = req.server.deps.database
  const since = heartbeatCutoff(req)
  const types =
    type === 'classic' ? new Map<string, string[]>() : await activeHardwareTypes(db, since)
  const withInterfaces = detail === true && minor >= MINOR.DYNAMIC_DRIVERS
  const interfaces = withInterfaces
    ? await activeHardwareInterfaces(db, [...types.keys()], since)
    : []
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  const drivers = [...types].map(([name, hosts]) => {
    const view = driverView(name, hosts, {
      minor,
      base,
      detail: detail === true,
      interfaces: interfaces.filter((i) => i.hardware_type === name),
    })
    return selectFields(view, fields)
  })
  return { drivers }
}

async function showHandler(req: DriverReq) {
  const query = req.query as Query
  checkArgs(query, ['fields'])
  const fields = stringListArg(query, 'fields')
  checkDriverFields(fields, req.minor)
  const { db } = req.server.deps.database
  const name = req.params.name
  const since = heartbeatCutoff(req)
  const hosts = (await activeHardwareTypes(db, since)).get(name)
  if (!hosts)
    throw driverNotFound(`Could not find the following driver(s) or hardware type(s): ${name}.`)
  let interfaces: HardwareInterfaceRecord[] = []
  if (req.minor >= MINOR.DYNAMIC_DRIVERS)
    interfaces = await activeHardwareInterfaces(db, [name], since)
  const view = driverView(name, hosts, {
    minor: req.minor,
    base: baseUrl(req, req.server.deps.settings.publicEndpoint),
    detail: true,
    interfaces,
  })
  return selectFields(view, fields)
}

/**
 * Ironic asks a conductor serving the driver (its RPC topic): 404 "No conductors registered."
 * when none is active, "The driver 'x' is unknown." when none serves this one.
 */
async function checkDriverServed(req: DriverReq): Promise<void> {
  const types = await activeHardwareTypes(req.server.deps.database.db, heartbeatCutoff(req))
  if (types.size === 0) throw driverNotFound('No conductors registered.')
  const name = req.params.name
  if (!types.has(name)) throw driverNotFound(`The driver '${name}' is unknown.`)
}

async function propertiesHandler(req: DriverReq) {
  checkArgs(req.query as Query, [])
  await checkDriverServed(req)
  return req.server.deps.drivers.propertiesOf(req.params.name)
}

async function raidPropertiesHandler(req: DriverReq) {
  checkArgs(req.query as Query, [])
  if (req.minor < MINOR.RAID_CONFIG) throw notAcceptable()
  await checkDriverServed(req)
  return req.server.deps.drivers.raidLogicalDiskPropertiesOf(req.params.name)
}
