/**
 * @module Node sub-resources: validate, VIFs, traits, history, inventory, vendor passthru, BIOS
 * settings and child nodes.
 */
import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { keyValuesToDict } from '../args.js'
import { collect, defineCommand, group, type ActionContext } from '../command.js'
import { ClientError, UsageError, messageOf } from '../errors.js'
import { COLUMNS, labelOf } from '../fields.js'
import { pyJson } from '../output/pyjson.js'
import { pyRepr } from '../output/pyrepr.js'
import { labelsFor, rowsOf, showResource } from '../resource.js'
import { nodePath } from './node-crud.js'

type Obj = Record<string, unknown>

async function validate(ctx: ActionContext, id: string): Promise<void> {
  const info = await ctx.client().get(nodePath(id, '/validate'))
  const rows = Object.keys(info)
    .sort()
    .map((k) => {
      const v = (info[k] ?? {}) as Obj
      return [k, 'result' in v ? v.result : '', 'reason' in v ? v.reason : '']
    })
  ctx.list(['Interface', 'Result', 'Reason'], rows)
}

function registerVifs(node: Command): void {
  const vif = group(node, 'vif', 'Virtual network interfaces (VIFs) attached to a node')
  defineCommand(vif, {
    name: 'list',
    summary: 'Show attached VIFs for a node',
    examples: ['anvil node vif list node-0'],
    args: ['<node>'],
    output: 'list',
    action: async (ctx, [id]) => {
      const { vifs } = await ctx.client().get<{ vifs: Obj[] }>(nodePath(id as string, '/vifs'))
      ctx.list(['ID'], rowsOf(vifs, ['id']))
    },
  })
  defineCommand(vif, {
    name: 'attach',
    summary: 'Attach VIF to a given node',
    examples: ['anvil node vif attach node-0 4f6c0a0e-1f0b-4c1e-9d55-7c1f0a3b2c11 --port-uuid <port>'],
    args: ['<node>', '<vif-id>'],
    options: (cmd) =>
      cmd
        .option('--port-uuid <port-uuid>', 'UUID of the baremetal port to attach the VIF to')
        .option('--portgroup-uuid <portgroup-uuid>', 'UUID of the port group to attach the VIF to')
        .option('--vif-info <key=value>', 'additional VIF information (repeatable)', collect),
    action: async (ctx, [id, vifId]) => {
      const info = keyValuesToDict(ctx.opts.vifInfo as string[] | undefined)
      // python-ironicclient's vif_attach refuses it before sending anything
      if ('id' in info) throw new ClientError("The attribute 'id' can't be specified in vif-info")
      const body: Obj = { id: vifId, ...info }
      if (typeof ctx.opts.portUuid === 'string') body.port_uuid = ctx.opts.portUuid
      if (typeof ctx.opts.portgroupUuid === 'string') body.portgroup_uuid = ctx.opts.portgroupUuid
      await ctx.client().post(nodePath(id as string, '/vifs'), body)
    },
  })
  defineCommand(vif, {
    name: 'detach',
    summary: 'Detach VIF from a given node',
    examples: ['anvil node vif detach node-0 4f6c0a0e-1f0b-4c1e-9d55-7c1f0a3b2c11'],
    args: ['<node>', '<vif-id>'],
    action: async (ctx, [id, vifId]) => {
      await ctx.client().delete(nodePath(id as string, `/vifs/${encodeURIComponent(vifId as string)}`))
    },
  })
}

async function removeTraits(ctx: ActionContext, id: string, traits: string[]): Promise<void> {
  if (ctx.opts.all) {
    if (traits.length > 0) throw new UsageError('--all cannot be used with trait names')
    // python-ironicclient prints nothing for --all (unlike `runbook trait remove --all`)
    await ctx.client().delete(nodePath(id, '/traits'))
    return
  }
  if (traits.length === 0) throw new UsageError('give trait names or --all')
  const failures: string[] = []
  for (const t of traits) {
    try {
      await ctx.client().delete(nodePath(id, `/traits/${encodeURIComponent(t)}`))
      ctx.out(`Removed trait ${t}\n`)
    } catch (err) {
      if (traits.length === 1) throw err
      failures.push(`${t}: ${messageOf(err)}`)
    }
  }
  if (failures.length > 0) throw new ClientError(`Failed to remove ${failures.length} trait(s): ${failures.join('; ')}`)
}

function registerTraits(node: Command): void {
  const trait = group(node, 'trait', 'Traits of a node')
  defineCommand(trait, {
    name: 'list',
    summary: "List a node's traits",
    examples: ['anvil node trait list node-0'],
    args: ['<node>'],
    output: 'list',
    action: async (ctx, [id]) => {
      const { traits } = await ctx.client().get<{ traits: string[] }>(nodePath(id as string, '/traits'))
      ctx.list(['Traits'], traits.map((t) => [t]))
    },
  })
  defineCommand(trait, {
    name: 'add',
    summary: "Add traits to a node",
    examples: ['anvil node trait add node-0 CUSTOM_GPU HW_CPU_X86_VMX'],
    args: ['<node>', '<trait...>'],
    action: async (ctx, [id, traits]) => {
      // like python-ironicclient, a refused trait does not stop the others
      const list = traits as string[]
      const failures: string[] = []
      for (const t of list) {
        try {
          await ctx.client().put(nodePath(id as string, `/traits/${encodeURIComponent(t)}`))
          ctx.out(`Added trait ${t}\n`)
        } catch (err) {
          if (list.length === 1) throw err
          failures.push(`${t}: ${messageOf(err)}`)
        }
      }
      if (failures.length > 0) {
        throw new ClientError(`Failed to add ${failures.length} trait(s): ${failures.join('; ')}`)
      }
    },
  })
  defineCommand(trait, {
    name: 'remove',
    summary: 'Remove trait(s) from a node',
    examples: ['anvil node trait remove node-0 CUSTOM_GPU', 'anvil node trait remove node-0 --all'],
    args: ['<node>', '[trait...]'],
    options: (cmd) => cmd.option('--all', 'remove all traits'),
    action: (ctx, [id, traits]) => removeTraits(ctx, id as string, (traits as string[] | undefined) ?? []),
  })
}

function registerHistory(node: Command): void {
  const history = group(node, 'history', 'Event history of a node')
  defineCommand(history, {
    name: 'list',
    summary: 'Get history events for a baremetal node',
    examples: ['anvil node history list node-0 --long'],
    args: ['<node>'],
    output: 'list',
    options: (cmd) => cmd.option('--long', 'show detailed information about the events'),
    action: async (ctx, [id]) => {
      const long = ctx.opts.long === true
      const { history: events } = await ctx.client().get<{ history: Obj[] }>(
        nodePath(id as string, '/history'),
        long ? { detail: true } : undefined,
      )
      const fields = long ? COLUMNS.historyLong : COLUMNS.history
      ctx.list(labelsFor(fields), rowsOf(events, fields))
    },
  })
  defineCommand(history, {
    name: 'get',
    summary: 'Get history event for a baremetal node',
    examples: ['anvil node history get node-0 2b9e1f4c-5a6d-4e3f-8a7b-0c1d2e3f4a5b'],
    args: ['<node>', '<event>'],
    output: 'one',
    action: async (ctx, [id, event]) => {
      const ev = await ctx.client().get(nodePath(id as string, `/history/${encodeURIComponent(event as string)}`))
      showResource(ctx, ev)
    },
  })
}

function registerInventory(node: Command): void {
  const inventory = group(node, 'inventory', 'Hardware inventory of a node')
  defineCommand(inventory, {
    name: 'save',
    summary: 'Get hardware inventory of a node (in JSON format) or save it into a file',
    examples: ['anvil node inventory save node-0 --file node-0.json'],
    args: ['<node>'],
    options: (cmd) => cmd.option('--file <filename>', 'save the inventory to this file (default: stdout)'),
    action: async (ctx, [id]) => {
      const inv = await ctx.client().get(nodePath(id as string, '/inventory'))
      // `json.dump(inventory, fp)`: one line, no trailing newline, to the file or stdout
      const text = pyJson(inv, null)
      if (typeof ctx.opts.file === 'string') writeFileSync(ctx.opts.file, text)
      else ctx.out(text)
    },
  })
}

function registerPassthru(node: Command): void {
  const passthru = group(node, 'passthru', 'Vendor passthru methods of a node')
  defineCommand(passthru, {
    name: 'list',
    summary: 'List vendor passthru methods for a node',
    examples: ['anvil node passthru list node-0'],
    args: ['<node>'],
    output: 'list',
    action: async (ctx, [id]) => {
      const methods = await ctx.client().get(nodePath(id as string, '/vendor_passthru/methods'))
      const rows = Object.entries(methods).map(([name, m]) => {
        const info: Obj = { ...(m as Obj), name }
        info.http_methods = ((info.http_methods as string[] | undefined) ?? []).join(', ')
        return info
      })
      ctx.list(labelsFor(COLUMNS.passthru), rowsOf(rows, COLUMNS.passthru))
    },
  })
  defineCommand(passthru, {
    name: 'call',
    summary: 'Call a vendor passthru method for a node',
    examples: ['anvil node passthru call node-0 first_method --arg x=1 --http-method POST'],
    args: ['<node>', '<method>'],
    options: (cmd) =>
      cmd
        .option('--arg <key=value>', 'argument to pass to the method (repeatable)', collect)
        .option('--http-method <method>', 'HTTP method: POST, PUT, GET, DELETE, PATCH (default POST)', 'POST'),
    action: async (ctx, [id, method]) => {
      const http = String(ctx.opts.httpMethod).toUpperCase()
      if (!['POST', 'PUT', 'GET', 'DELETE', 'PATCH'].includes(http)) throw new UsageError(`invalid HTTP method '${http}'`)
      const args = keyValuesToDict(ctx.opts.arg as string[] | undefined)
      const res = await ctx.client().request(http, nodePath(id as string, '/vendor_passthru'), {
        query: { method: method as string },
        ...(http === 'GET' || http === 'DELETE' ? {} : { body: args }),
      })
      if (res.body !== undefined && res.body !== null && res.body !== '') ctx.out(`${pyRepr(res.body)}\n`)
    },
  })
}

/** `node bios setting list --long` columns (python-ironicclient's BIOS_DETAILED_RESOURCE). */
const BIOS_LONG_FIELDS = [
  'name',
  'value',
  'attribute_type',
  'allowable_values',
  'lower_bound',
  'min_length',
  'max_length',
  'read_only',
  'reset_required',
  'unique',
  'upper_bound',
]

/** Default, `--long` (`detail=True`) or `--fields` columns, as python-ironicclient lists them. */
async function listBiosSettings(ctx: ActionContext, id: string): Promise<void> {
  const long = ctx.opts.long === true
  const asked = ((ctx.opts.fields as string[] | undefined) ?? [])
    .flatMap((f) => f.split(','))
    .filter((f) => f !== '')
  if (long && asked.length > 0) {
    throw new UsageError('argument --fields: not allowed with argument --long')
  }
  const bad = asked.find((f) => !BIOS_LONG_FIELDS.includes(f))
  if (bad !== undefined) {
    const choices = BIOS_LONG_FIELDS.map((f) => `'${f}'`).join(', ')
    throw new UsageError(`argument --fields: invalid choice: '${bad}' (choose from ${choices})`)
  }
  let fields = ['name', 'value']
  let labels = ['BIOS setting name', 'BIOS setting value']
  let query: Record<string, string | boolean> | undefined
  if (long) {
    fields = BIOS_LONG_FIELDS
    labels = labelsFor(fields)
    query = { detail: true }
  } else if (asked.length > 0) {
    fields = asked
    labels = labelsFor(fields)
    query = { fields: fields.join(',') }
  }
  const { bios: settings } = await ctx.client().get<{ bios: Obj[] }>(nodePath(id, '/bios'), query)
  ctx.list(labels, rowsOf(settings, fields))
}

function registerBiosAndChildren(node: Command): void {
  const bios = group(node, 'bios', 'BIOS settings of a node')
  const setting = group(bios, 'setting', 'BIOS settings of a node')
  defineCommand(setting, {
    name: 'list',
    summary: 'List a node\'s BIOS settings',
    examples: [
      'anvil node bios setting list node-0 --long',
      'anvil node bios setting list node-0 --fields name read_only',
    ],
    args: ['<node>'],
    output: 'list',
    options: (cmd) =>
      cmd
        .option('--long', 'show detailed information')
        .option(
          '--fields <field...>',
          `only these fields (fetched from the server): ${BIOS_LONG_FIELDS.join(', ')}`,
        ),
    action: (ctx, [id]) => listBiosSettings(ctx, id as string),
  })
  defineCommand(setting, {
    name: 'show',
    summary: 'Show a specific BIOS setting for a node',
    examples: ['anvil node bios setting show node-0 ProcVirtualization'],
    args: ['<node>', '<setting-name>'],
    output: 'one',
    action: async (ctx, [id, name]) => {
      const res = await ctx.client().get(nodePath(id as string, `/bios/${encodeURIComponent(name as string)}`))
      showResource(ctx, (res[name as string] ?? res) as Obj)
    },
  })
  const children = group(node, 'children', 'Child nodes of a node')
  defineCommand(children, {
    name: 'list',
    summary: 'Get a list of nodes associated as children',
    examples: ['anvil node children list node-0'],
    args: ['<node>'],
    output: 'list',
    action: async (ctx, [id]) => {
      // before 1.83 Ironic reads `children` as a field name: "Field children is not a valid field"
      await ctx.client().requireMinor(83, 'node children list')
      const { children: list } = await ctx.client().get<{ children: string[] }>(nodePath(id as string, '/children'))
      ctx.list([labelOf('children')], list.map((c) => [c]))
    },
  })
}

/** Registers validate and the node sub-resource commands. */
export function registerNodeExtras(node: Command): void {
  defineCommand(node, {
    name: 'validate',
    summary: "Validate a node's driver interfaces",
    examples: ['anvil node validate node-0'],
    args: ['<node>'],
    output: 'list',
    action: (ctx, [id]) => validate(ctx, id as string),
  })
  registerVifs(node)
  registerTraits(node)
  registerHistory(node)
  registerInventory(node)
  registerPassthru(node)
  registerBiosAndChildren(node)
}


