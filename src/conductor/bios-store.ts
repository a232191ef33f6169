/**
 * @module The node's cached BIOS settings (`bios_settings`), as drivers see them.
 */
import { isoTimestamp } from '../common/clock.js'
import type { BiosSetting, BiosSettingsStore } from '../drivers/bios/types.js'
import type { ConductorContext } from './context.js'

export function biosSettingsStore(ctx: ConductorContext, nodeId: number): BiosSettingsStore {
  return {
    async list() {
      const rows = await ctx.db.selectFrom('bios_settings').selectAll().where('node_id', '=', nodeId).orderBy('name').execute()
      return rows.map((r) => ({ name: r.name, value: r.value }) as BiosSetting)
    },
    async replace(settings) {
      const now = isoTimestamp(ctx.clock.now())
      await ctx.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('bios_settings').where('node_id', '=', nodeId).execute()
        if (settings.length === 0) return
        await trx
          .insertInto('bios_settings')
          .values(settings.map((s) => ({ node_id: nodeId, name: s.name, value: s.value ?? null, created_at: now })))
          .execute()
      })
    },
  }
}
