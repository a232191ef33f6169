import { describe, expect, it } from 'vitest'
import { HashRing, ringKey } from './hash-ring.js'

const uuids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`)

describe('HashRing', () => {
  it('gives every key to a host, and the same host each time', () => {
    const ring = new HashRing(['a', 'b', 'c'])
    for (const u of uuids.slice(0, 50)) {
      const [h] = ring.hostsFor(u)
      expect(['a', 'b', 'c']).toContain(h)
      expect(new HashRing(['c', 'b', 'a']).hostsFor(u)).toEqual([h])
    }
  })

  it('spreads keys roughly evenly', () => {
    const ring = new HashRing(['a', 'b'])
    const a = uuids.filter((u) => ring.hostsFor(u)[0] === 'a').length
    expect(a / uuids.length).toBeGreaterThan(0.3)
    expect(a / uuids.length).toBeLessThan(0.7)
  })

  it('moves only the keys of a removed host', () => {
    const before = new HashRing(['a', 'b', 'c'])
    const after = new HashRing(['a', 'b'])
    for (const u of uuids) {
      const [h] = before.hostsFor(u)
      if (h !== 'c') expect(after.hostsFor(u)).toEqual([h])
    }
  })

  it('returns distinct replicas, primary first', () => {
    const ring = new HashRing(['a', 'b', 'c'])
    const hosts = ring.hostsFor(uuids[0]!, 2)
    expect(new Set(hosts).size).toBe(2)
    expect(hosts[0]).toBe(ring.hostsFor(uuids[0]!)[0])
    expect(new HashRing([]).hostsFor('x')).toEqual([])
  })

  it('keys rings by conductor group and hardware type', () => {
    expect(ringKey('ipmi', '')).toBe('ipmi')
    expect(ringKey('ipmi', 'Rack1')).toBe('rack1:ipmi')
  })
})
