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
    /**
     * Makes `settings` the node's settings as Ironic's `sync_node_setting` does: new ones are
     * created, changed ones updated in place (`updated_at` set), missing ones deleted, and the
     * unchanged ones left alone.
     */
    async replace(settings) {
      const now = isoTimestamp(ctx.clock.now())
      await ctx.db.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom('bios_settings').select(['name', 'value']).where('node_id', '=', nodeId).execute()
        const stored = new Map(rows.map((r) => [r.name, r.value]))
        const wanted = new Map(settings.map((s) => [s.name, s.value ?? null]))
        const gone = rows.map((r) => r.name).filter((name) => !wanted.has(name))
        if (gone.length > 0) {
          await trx.deleteFrom('bios_settings').where('node_id', '=', nodeId).where('name', 'in', gone).execute()
        }
        const created = [...wanted].filter(([name]) => !stored.has(name))
        if (created.length > 0) {
          await trx
            .insertInto('bios_settings')
            .values(created.map(([name, value]) => ({ node_id: nodeId, name, value, created_at: now })))
            .execute()
        }
        for (const [name, value] of wanted) {
          if (!stored.has(name) || stored.get(name) === value) continue
          await trx
            .updateTable('bios_settings')
            .set({ value, updated_at: now })
            .where('node_id', '=', nodeId)
            .where('name', '=', name)
            .execute()
        }
      })
    },
  }
}
