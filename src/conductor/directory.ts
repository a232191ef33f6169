/**
 * @module Which conductor owns which node: hash rings rebuilt from the online conductors,
 * refreshed periodically (`[DEFAULT]hash_ring_reset_interval`) and on demand.
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../common/clock.js'
import type { Tables } from '../db/tables.js'
import type { ConductorDirectory } from '../api/deps.js'
import { HashRing, ringKey } from './hash-ring.js'
import { onlineConductors, type OnlineConductor } from './registration.js'

export interface DirectoryOptions {
  heartbeatTimeoutSeconds: number
  partitionExponent: number
  replicas: number
}

export class HashRingDirectory implements ConductorDirectory {
  readonly #db: Kysely<Tables>
  readonly #clock: Clock
  readonly #opts: DirectoryOptions
  #rings = new Map<string, HashRing>()
  #conductors: OnlineConductor[] = []

  constructor(db: Kysely<Tables>, clock: Clock, opts: DirectoryOptions) {
    this.#db = db
    this.#clock = clock
    this.#opts = opts
  }

  /** Reloads the online conductors and rebuilds the rings. */
  async refresh(): Promise<void> {
    this.#conductors = await onlineConductors(this.#db, this.#opts.heartbeatTimeoutSeconds, this.#clock)
    const hostsByKey = new Map<string, string[]>()
    for (const c of this.#conductors) {
      for (const driver of c.drivers) {
        const key = ringKey(driver, c.conductor_group)
        const hosts = hostsByKey.get(key)
        if (hosts) hosts.push(c.hostname)
        else hostsByKey.set(key, [c.hostname])
      }
    }
    const rings = new Map<string, HashRing>()
    for (const [key, hosts] of hostsByKey) rings.set(key, new HashRing(hosts, this.#opts.partitionExponent))
    this.#rings = rings
  }

  get conductors(): readonly OnlineConductor[] {
    return this.#conductors
  }

  conductorFor(node: { uuid: string; driver: string; conductor_group: string }): string | null {
    const ring = this.#rings.get(ringKey(node.driver, node.conductor_group))
    return ring?.hostsFor(node.uuid, 1)[0] ?? null
  }

  /** The conductors responsible for a node, primary first (with replicas). */
  conductorsFor(node: { uuid: string; driver: string; conductor_group: string }): string[] {
    const ring = this.#rings.get(ringKey(node.driver, node.conductor_group))
    return ring?.hostsFor(node.uuid, this.#opts.replicas) ?? []
  }

  hostsFor(driver: string): readonly string[] {
    return this.#conductors.filter((c) => c.drivers.includes(driver)).map((c) => c.hostname)
  }

  /** The RPC URL of a conductor, if it published one. */
  rpcUrlOf(hostname: string): string | null {
    return this.#conductors.find((c) => c.hostname === hostname)?.rpc_url ?? null
  }
}
