/** @module `[conductor]node_history*` options: recording can be off, and old events are trimmed. */
import { afterEach, describe, expect, it } from 'vitest'
import { trimNodeHistory } from '../../src/conductor/periodics/history-cleanup.js'
import { dialects, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { act, createNode, historyOf } from './helpers.js'

describe.each(dialects())('node history options on %s', (dialect) => {
  let t: TestAnvil | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })

  it.each([
    [true, 'records automated cleaning'],
    [false, 'records nothing'],
  ])('with node_history = %s %s', async (enabled) => {
    t = await startTestAnvil(dialect, { conductor: { node_history: enabled } })
    const node = await createNode(t)
    await act(t, node, { target: 'manage' })
    await act(t, node, { target: 'provide' })
    const events = (await historyOf(t, node)).map((e) => e.event)
    if (enabled) expect(events.join('\n')).toMatch(/^Starting automated cleaning with steps=/m)
    else expect(events).toEqual([])
  })

  it('keeps the newest node_history_max_entries events of each owned node', async () => {
    t = await startTestAnvil(dialect)
    const a = await createNode(t)
    const b = await createNode(t)
    const db = t.anvil.database.db
    const ids = new Map<string, number>()
    for (const uuid of [a, b]) {
      const row = await db.selectFrom('nodes').select('id').where('uuid', '=', uuid).executeTakeFirstOrThrow()
      ids.set(uuid, row.id)
      for (let i = 0; i < 5; i++) {
        await db
          .insertInto('node_history')
          .values({
            uuid: crypto.randomUUID(),
            node_id: row.id,
            conductor: 'test-conductor',
            event_type: 'provisioning',
            severity: 'INFO',
            event: `event ${i}`,
            created_at: `2026-01-0${i + 1}T00:00:00.000000`,
          })
          .execute()
      }
    }
    const ctx = t.anvil.conductor!.ctx
    const ownerOf = (n: { uuid: string; driver: string; conductor_group: string }) =>
      t!.anvil.directory.conductorFor(n)
    const deleted = await trimNodeHistory(ctx, ownerOf, { maxEntries: 2, minimumDays: 0, batchCount: 1000 })
    expect(deleted).toBe(6)
    for (const uuid of [a, b]) {
      expect((await historyOf(t, uuid)).map((e) => e.event)).toEqual(['event 3', 'event 4'])
    }
    // only events older than the minimum age go, and a batch stops after the first node
    const none = await trimNodeHistory(ctx, ownerOf, { maxEntries: 1, minimumDays: 100_000, batchCount: 1000 })
    expect(none).toBe(0)
    expect(await trimNodeHistory(ctx, ownerOf, { maxEntries: 1, minimumDays: 0, batchCount: 1 })).toBe(1)
    const left = await Promise.all([a, b].map(async (u) => (await historyOf(t!, u)).length))
    expect(left.sort()).toEqual([1, 2])
  })
})
