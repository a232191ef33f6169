/**
 * @module `anvil create FILE...`: creates chassis, nodes, port groups and ports described in JSON
 * or YAML files (`{"chassis": [...], "nodes": [...]}`, nested like `baremetal create`).
 */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { parse as parseYaml } from 'yaml'
import { defineCommand, type ActionContext } from '../command.js'
import { ClientError, messageOf } from '../errors.js'

type Obj = Record<string, unknown>

function loadFile(file: string): Obj {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new ClientError(`Cannot read file "${file}" due to error: ${(err as Error).message}`)
  }
  let doc: unknown
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch (err) {
    throw new ClientError(`File "${file}" is invalid due to error: ${(err as Error).message.split('\n')[0]}`)
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ClientError(`File "${file}" is invalid: expected an object with "chassis" and/or "nodes"`)
  }
  const unknown = Object.keys(doc).filter((k) => k !== 'chassis' && k !== 'nodes')
  if (unknown.length > 0) throw new ClientError(`File "${file}" is invalid: unknown key(s) ${unknown.join(', ')}`)
  for (const k of ['chassis', 'nodes']) {
    const v = (doc as Obj)[k]
    if (v !== undefined && (!Array.isArray(v) || v.some((i) => typeof i !== 'object' || i === null || Array.isArray(i)))) {
      throw new ClientError(`File "${file}" is invalid: "${k}" must be a list of objects`)
    }
  }
  return doc as Obj
}

class Creator {
  readonly errors: string[] = []
  constructor(readonly ctx: ActionContext) {}

  async #post(kind: string, path: string, body: Obj): Promise<string | undefined> {
    try {
      const created = await this.ctx.client().post(path, body)
      const uuid = String(created.uuid)
      this.ctx.out(`Created ${kind} ${uuid}\n`)
      return uuid
    } catch (err) {
      this.errors.push(`${kind}: ${messageOf(err)}`)
      return undefined
    }
  }

  #own(kind: string, item: Obj, field: string, value: string, parent: string): boolean {
    if (item[field] !== undefined && item[field] !== value) {
      this.errors.push(`Cannot create a ${kind} as part of ${parent} ${value} because it has a different ${field} specified`)
      return false
    }
    item[field] = value
    return true
  }

  async ports(list: Obj[], node: string, portgroup?: string): Promise<void> {
    for (const port of list) {
      if (!this.#own('port', port, 'node_uuid', node, 'node')) continue
      if (portgroup !== undefined && !this.#own('port', port, 'portgroup_uuid', portgroup, 'port group')) continue
      await this.#post('port', '/ports', port)
    }
  }

  async portgroups(list: Obj[], node: string): Promise<void> {
    for (const pg of list) {
      if (!this.#own('port group', pg, 'node_uuid', node, 'node')) continue
      const { ports, ...body } = pg
      const uuid = await this.#post('port group', '/portgroups', body)
      if (uuid !== undefined && Array.isArray(ports)) await this.ports(ports as Obj[], node, uuid)
    }
  }

  async nodes(list: Obj[], chassis?: string): Promise<void> {
    for (const n of list) {
      if (chassis !== undefined && !this.#own('node', n, 'chassis_uuid', chassis, 'chassis')) continue
      const { ports, portgroups, traits, ...body } = n
      const uuid = await this.#post('node', '/nodes', body)
      if (uuid === undefined) continue
      if (Array.isArray(traits) && traits.length > 0) {
        try {
          await this.ctx.client().put(`/nodes/${uuid}/traits`, { traits })
        } catch (err) {
          this.errors.push(`traits of node ${uuid}: ${messageOf(err)}`)
        }
      }
      if (Array.isArray(portgroups)) await this.portgroups(portgroups as Obj[], uuid)
      if (Array.isArray(ports)) await this.ports(ports as Obj[], uuid)
    }
  }

  async chassis(list: Obj[]): Promise<void> {
    for (const c of list) {
      const { nodes, ...body } = c
      const uuid = await this.#post('chassis', '/chassis', body)
      if (uuid !== undefined && Array.isArray(nodes)) await this.nodes(nodes as Obj[], uuid)
    }
  }
}

async function createFromFiles(ctx: ActionContext, files: string[]): Promise<void> {
  const docs = files.map(loadFile)
  const creator = new Creator(ctx)
  for (const doc of docs) {
    await creator.chassis((doc.chassis as Obj[] | undefined) ?? [])
    await creator.nodes((doc.nodes as Obj[] | undefined) ?? [])
  }
  if (creator.errors.length > 0) {
    throw new ClientError(`During resources creation, the following errors were encountered: ${creator.errors.join('; ')}`)
  }
}

/** Registers `anvil create`. */
export function registerCreate(program: Command): void {
  defineCommand(program, {
    name: 'create',
    summary: 'Create resources from files (JSON or YAML: chassis, nodes with ports and port groups)',
    examples: ['anvil create nodes.yaml', 'anvil create rack1.json rack2.yaml'],
    args: ['<file...>'],
    action: (ctx, [files]) => createFromFiles(ctx, files as string[]),
  })
}
