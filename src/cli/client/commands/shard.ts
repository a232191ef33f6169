/** @module `anvil shard list`: the shards of the nodes and how many nodes each holds (≥1.82). */
import type { Command } from 'commander'
import { defineCommand, group } from '../command.js'
import { rowsOf } from '../resource.js'

/** Registers `anvil shard list`. */
export function registerShard(program: Command): void {
  const shard = group(program, 'shard', 'Shards of the nodes')
  defineCommand(shard, {
    name: 'list',
    summary: 'List the shards of the nodes, with the number of nodes in each',
    examples: ['anvil shard list', 'anvil shard list -f json'],
    output: 'list',
    action: async (ctx) => {
      await ctx.client().requireMinor(82, 'shard list')
      const { shards } = await ctx.client().get<{ shards: Record<string, unknown>[] }>('/shards')
      ctx.list(['Name', 'Count'], rowsOf(shards, ['name', 'count']))
    },
  })
}
