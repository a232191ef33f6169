/** @module The idle collector gives a burst's garbage back once the process goes quiet. */
import { describe, expect, it } from 'vitest'
import { startIdleCollector } from './idle-gc.js'

const heapUsed = () => process.memoryUsage().heapUsed

describe('startIdleCollector', () => {
  it('collects once the process has been quiet for an interval', async () => {
    const collector = startIdleCollector(100)
    try {
      await new Promise((r) => setTimeout(r, 250)) // the start-up collection
      const base = heapUsed()
      let garbage: unknown[] | null = Array.from({ length: 300_000 }, (_, i) => ({ i, s: `x${i}` }))
      const grown = heapUsed()
      expect(grown - base).toBeGreaterThan(10 * 2 ** 20)
      garbage = null
      for (let i = 0; i < 5; i++) {
        collector.touch()
        await new Promise((r) => setTimeout(r, 50))
      }
      await new Promise((r) => setTimeout(r, 350))
      expect(heapUsed()).toBeLessThan(base + (grown - base) / 4)
      expect(garbage).toBeNull()
    } finally {
      collector.stop()
    }
  })
})
