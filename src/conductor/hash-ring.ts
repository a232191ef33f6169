/**
 * @module Consistent hashing of nodes onto conductors, per (conductor_group, hardware type),
 * as Ironic's hash ring manager does: each conductor gets 2^exponent points on the ring, a node
 * goes to the conductors at and after its UUID's point.
 */
import { createHash } from 'node:crypto'

function point(key: string): bigint {
  return createHash('md5').update(key).digest().readBigUInt64BE(0)
}

/** One ring over a set of hostnames. */
export class HashRing {
  readonly #points: bigint[]
  readonly #owners: string[]
  readonly hosts: readonly string[]
  /** Primary host per key: the API asks for it on every node it shows. */
  readonly #primary = new Map<string, string>()

  constructor(hosts: readonly string[], partitionExponent = 5) {
    this.hosts = [...new Set(hosts)].sort()
    const entries: Array<[bigint, string]> = []
    const partitions = 2 ** partitionExponent
    for (const host of this.hosts) {
      for (let i = 0; i < partitions; i++) entries.push([point(`${host}-${i}`), host])
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
    this.#points = entries.map((e) => e[0])
    this.#owners = entries.map((e) => e[1])
  }

  /** The `replicas` distinct hosts responsible for a key, primary first. */
  hostsFor(key: string, replicas = 1): string[] {
    if (this.#points.length === 0) return []
    if (replicas === 1) {
      const cached = this.#primary.get(key)
      if (cached !== undefined) return [cached]
    }
    const p = point(key)
    let lo = 0
    let hi = this.#points.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.#points[mid]! < p) lo = mid + 1
      else hi = mid
    }
    const out: string[] = []
    const want = Math.min(replicas, this.hosts.length)
    for (let i = 0; out.length < want && i < this.#owners.length; i++) {
      const host = this.#owners[(lo + i) % this.#owners.length]!
      if (!out.includes(host)) out.push(host)
    }
    if (this.#primary.size > 200_000) this.#primary.clear()
    if (out[0] !== undefined) this.#primary.set(key, out[0])
    return out
  }
}

/** Ring key of a hardware type within a conductor group (Ironic's "group:hw_type"). */
export function ringKey(hardwareType: string, conductorGroup: string): string {
  return conductorGroup ? `${conductorGroup.toLowerCase()}:${hardwareType}` : hardwareType
}
