/**
 * @module Benchmark: one power-state sync pass over 10,000 fake-hardware nodes owned by one
 * conductor (target: under 5 s). Run with `npm run bench:power-sync`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { isoTimestamp, systemClock } from '../src/common/clock.js'
import { silentLog } from '../src/conductor/context.js'
import { syncPowerStates } from '../src/conductor/periodics/power-sync.js'
import { openDatabase } from '../src/db/database.js'
import { upgradeDatabase } from '../src/db/migrate.js'
import { createDriverFactory, FAKE_DRIVER_CONFIG } from '../src/drivers/registry.js'

const NODES = Number(process.env.BENCH_NODES ?? 10_000)
const TARGET_MS = 5000

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'anvil-bench-ps-'))
  const database = openDatabase(`sqlite:///${join(dir, 'anvil.sqlite')}`)
  await upgradeDatabase(database)
  const now = isoTimestamp(new Date())
  const rows = Array.from({ length: NODES }, (_, i) => ({
    uuid: randomUUID(),
    name: `node-${i}`,
    driver: 'fake-hardware',
    power_interface: 'fake',
    management_interface: 'fake',
    power_state: i % 2 ? 'power on' : 'power off',
    provision_state: 'available',
    conductor_group: '',
    created_at: now,
  }))
  for (let i = 0; i < rows.length; i += 500) {
    await database.db.insertInto('nodes').values(rows.slice(i, i + 500)).execute()
  }
  const ctx = {
    db: database.db,
    hostname: 'bench',
    drivers: createDriverFactory(FAKE_DRIVER_CONFIG),
    clock: systemClock,
    log: silentLog,
    lockRetries: 0,
    lockRetryIntervalMs: 1,
    inFlight: new Set<Promise<unknown>>(),
  }
  const opts = { workers: 8, maxRetries: 3, failures: new Map<string, number>() }
  const passes: number[] = []
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    const r = await syncPowerStates(ctx, () => 'bench', opts)
    passes.push(performance.now() - t0)
    if (r.checked !== NODES) throw new Error(`checked ${r.checked} of ${NODES} nodes`)
  }
  const best = Math.min(...passes)
  console.log(`power sync over ${NODES} fake nodes (SQLite, 8 workers), 3 passes:`)
  console.log(`  passes: ${passes.map((p) => `${p.toFixed(0)} ms`).join(', ')}`)
  console.log(`  best: ${best.toFixed(0)} ms   target: < ${TARGET_MS} ms   ${best < TARGET_MS ? 'PASS' : 'FAIL'}`)
  await database.close()
  rmSync(dir, { recursive: true, force: true })
}

await main()
