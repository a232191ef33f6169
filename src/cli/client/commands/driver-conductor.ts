/**
 * @module `anvil driver ...` (hardware types, their properties and RAID properties, passthru)
 * and `anvil conductor list|show`.
 */
import type { Command } from 'commander'
import { keyValuesToDict } from '../args.js'
import { collect, defineCommand, group, type ActionContext } from '../command.js'
import { UsageError } from '../errors.js'
import { COLUMNS, DRIVER_LABELS, DRIVER_LONG_COLUMNS } from '../fields.js'
import { addListOptions, addShowFields, runList, showQuery, showResource, labelsFor, rowsOf, sortItems, type ResourceDef } from '../resource.js'

type Obj = Record<string, unknown>

/** Lists shown as "a, b" like python-ironicclient's convert_list_props_to_comma_separated. */
function commaLists(obj: Obj): Obj {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(', ') : v]))
}

const driverPath = (d: string, sub = '') => `/drivers/${encodeURIComponent(d)}${sub}`

async function listDrivers(ctx: ActionContext): Promise<void> {
  const o = ctx.opts
  let columns: readonly string[] = COLUMNS.driver
  const q: Record<string, string | boolean> = {}
  if (typeof o.type === 'string') q.type = o.type
  if (o.long) {
    q.detail = true
    columns = DRIVER_LONG_COLUMNS
  } else if (Array.isArray(o.fields) && o.fields.length > 0) {
    columns = (o.fields as string[]).flatMap((f) => f.split(','))
    q.fields = columns.join(',')
  }
  const { drivers } = await ctx.client().get<{ drivers: Obj[] }>('/drivers', q)
  const rows = sortItems(drivers.map(commaLists), 'name')
  // like python-ironicclient, `--fields` columns get the plain labels ("Name", not "Supported driver(s)")
  ctx.list(labelsFor(columns, q.fields === undefined ? DRIVER_LABELS : {}), rowsOf(rows, columns))
}

function propertyList(ctx: ActionContext, props: Obj): void {
  const keys = Object.keys(props).sort()
  ctx.list(['Property', 'Description'], keys.map((k) => [k, props[k]]))
}

function registerDriverPassthru(driver: Command): void {
  const passthru = group(driver, 'passthru', 'Vendor passthru methods of a driver')
  defineCommand(passthru, {
    name: 'list',
    summary: 'List available vendor passthru methods for a driver',
    examples: ['anvil driver passthru list fake-hardware'],
    args: ['<driver>'],
    output: 'list',
    action: async (ctx, [d]) => {
      const methods = await ctx.client().get(driverPath(d as string, '/vendor_passthru/methods'))
      const rows = Object.entries(methods).map(([name, m]) => ({ ...commaLists(m as Obj), name }))
      ctx.list(labelsFor(COLUMNS.passthru), rowsOf(rows, COLUMNS.passthru))
    },
  })
  defineCommand(passthru, {
    name: 'call',
    summary: 'Call a vendor passthru method for a driver',
    examples: ['anvil driver passthru call fake-hardware first_method --arg x=1'],
    args: ['<driver>', '<method>'],
    output: 'one',
    options: (cmd) =>
      cmd
        .option('--arg <key=value>', 'argument to pass to the method (repeatable)', collect)
        .option('--http-method <method>', 'HTTP method: POST, PUT, GET, DELETE, PATCH (default POST)', 'POST'),
    action: async (ctx, [d, method]) => {
      const http = String(ctx.opts.httpMethod).toUpperCase()
      if (!['POST', 'PUT', 'GET', 'DELETE', 'PATCH'].includes(http)) throw new UsageError(`invalid HTTP method '${http}'`)
      const args = keyValuesToDict(ctx.opts.arg as string[] | undefined)
      const res = await ctx.client().request<Obj>(http, driverPath(d as string, '/vendor_passthru'), {
        query: { method: method as string },
        ...(http === 'GET' || http === 'DELETE' ? {} : { body: args }),
      })
      const body = typeof res.body === 'object' && res.body !== null ? res.body : {}
      showResource(ctx, body)
    },
  })
}

function registerDriver(program: Command): void {
  const driver = group(program, 'driver', 'Drivers (hardware types)')
  defineCommand(driver, {
    name: 'list',
    summary: 'List the enabled drivers',
    examples: ['anvil driver list', 'anvil driver list --long -f yaml'],
    output: 'list',
    options: (cmd) =>
      cmd
        .option('--type <type>', 'type of driver: classic or dynamic')
        .option('--long', 'show detailed information')
        .option('--fields <field...>', 'only these fields (fetched from the server)'),
    action: listDrivers,
  })
  defineCommand(driver, {
    name: 'show',
    summary: 'Show information about a driver',
    examples: ['anvil driver show fake-hardware'],
    args: ['<driver>'],
    output: 'one',
    options: (cmd) => void addShowFields(cmd),
    action: async (ctx, [d]) => {
      const info = commaLists(await ctx.client().get(driverPath(d as string), showQuery(ctx)))
      showResource(ctx, info, ['properties'])
    },
  })
  defineCommand(group(driver, 'property', 'Driver properties'), {
    name: 'list',
    summary: 'List the driver properties',
    examples: ['anvil driver property list ipmi'],
    args: ['<driver>'],
    output: 'list',
    action: async (ctx, [d]) => propertyList(ctx, await ctx.client().get(driverPath(d as string, '/properties'))),
  })
  defineCommand(group(group(driver, 'raid', 'RAID support of a driver'), 'property', 'RAID logical disk properties'), {
    name: 'list',
    summary: "List a driver's RAID logical disk properties",
    examples: ['anvil driver raid property list fake-hardware'],
    args: ['<driver>'],
    output: 'list',
    action: async (ctx, [d]) => propertyList(ctx, await ctx.client().get(driverPath(d as string, '/raid/logical_disk_properties'))),
  })
  registerDriverPassthru(driver)
}

const CONDUCTORS: ResourceDef = {
  path: '/conductors', key: 'conductors', singular: 'conductor',
  columns: COLUMNS.conductor, longColumns: COLUMNS.conductorLong,
}

function registerConductor(program: Command): void {
  // `anvil conductor` alone may already run a conductor process (server commands): list and show
  // then become its sub-commands.
  const conductor = program.commands.find((c) => c.name() === 'conductor') ?? group(program, 'conductor', 'Conductors')
  defineCommand(conductor, {
    name: 'list',
    summary: 'List baremetal conductors',
    examples: ['anvil conductor list', 'anvil conductor list --long -f json'],
    output: 'list',
    options: (cmd) => void addListOptions(cmd, 'conductors'),
    action: (ctx) => runList(ctx, CONDUCTORS, {}),
  })
  defineCommand(conductor, {
    name: 'show',
    summary: 'Show baremetal conductor details',
    examples: ['anvil conductor show conductor-1'],
    args: ['<conductor>'],
    output: 'one',
    options: (cmd) => void addShowFields(cmd),
    action: async (ctx, [h]) => {
      showResource(ctx, await ctx.client().get(`/conductors/${encodeURIComponent(h as string)}`, showQuery(ctx)))
    },
  })
}

/** Registers `anvil driver` and `anvil conductor`. */
export function registerDriversAndConductors(program: Command): void {
  registerDriver(program)
  registerConductor(program)
}
