/**
 * @module HA: two `anvil conductor` processes and one `anvil api` on one PostgreSQL database
 * split the nodes by the hash ring, each node's work is done by its ring owner, and after a
 * SIGKILL the survivor takes the dead conductor's nodes over.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HashRing } from '../../src/conductor/hash-ring.js'
import { openDatabase, type Database } from '../../src/db/database.js'
import { upgradeDatabase } from '../../src/db/migrate.js'
import { freshDatabase } from '../helpers/anvil.js'
import { call, killAll, rpc, startCluster, TIMING, waitFor, type Member } from './cluster.js'
import { historyOf, listNodes, provisionAll } from './nodes.js'

const PG = process.env.ANVIL_TEST_POSTGRES
const A = 'conductor-a'
const B = 'conductor-b'
/** Nodes per conductor; their UUIDs are picked so that the ring gives each conductor this many. */
const PER_CONDUCTOR = 10
/** `[DEFAULT]hash_partition_exponent` (the default; the INI files leave it alone). */
const PARTITION_EXPONENT = 5

/** Random UUIDs, `per` of them owned by each of the ring's hosts. */
function uuidsSplitBy(ring: HashRing, per: number): Map<string, string[]> {
  const out = new Map<string, string[]>(ring.hosts.map((h) => [h, []]))
  while ([...out.values()].some((l) => l.length < per)) {
    const uuid = randomUUID()
    const list = out.get(ring.hostsFor(uuid)[0]!)!
    if (list.length < per) list.push(uuid)
  }
  return out
}

const title = PG
  ? 'HA: anvil conductor x2 + anvil api on PostgreSQL'
  : 'HA: anvil conductor x2 + anvil api (skipped: set ANVIL_TEST_POSTGRES to a PostgreSQL ' +
    'URL; the processes must share a database server)'

describe.skipIf(!PG)(title, { timeout: 60_000 }, () => {
  let dir = ''
  const ring = new HashRing([A, B], PARTITION_EXPONENT)
  const owned = uuidsSplitBy(ring, PER_CONDUCTOR)
  const ofA = owned.get(A)!
  const ofB = owned.get(B)!
  const all = [...ofA, ...ofB]
  const [aLocked, aDeploying, aCleaning, aWaiting, ...aIdle] = ofA as [
    string,
    string,
    string,
    string,
    ...string[],
  ]
  let drop: (() => Promise<void>) | undefined
  let database: Database | undefined
  let members: { a: Member; b: Member; api: Member } | undefined
  const api = () => members!.api

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anvil-ha-'))
    const db = await freshDatabase('postgres', dir)
    drop = db.drop
    database = openDatabase(db.url)
    await upgradeDatabase(database) // as `anvil db upgrade` before a multi-process deployment
    members = await startCluster(dir, db.url)
    await waitFor('both conductors in the API hash ring', 15_000, async () => {
      const r = await call(api(), 'GET', '/v1/drivers/fake-hardware')
      return r.status === 200 && [A, B].every((h) => r.body.hosts.includes(h)) ? true : undefined
    })
  }, 60_000)

  afterAll(async () => {
    await killAll(members ? Object.values(members) : [])
    await database?.close()
    await drop?.()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, 30_000)

  it('splits the nodes between the conductors by the hash ring', async () => {
    const create = (uuid: string, i: number) =>
      call(api(), 'POST', '/v1/nodes', { uuid, name: `ha-${i}`, driver: 'fake-hardware' })
    // The API rebuilds its ring every hash_ring_reset_interval; until it has seen a conductor,
    // creating a node is refused with "No valid host was found" (400).
    const first = await waitFor('the API to accept a fake-hardware node', 10_000, async () => {
      const r = await create(all[0]!, 0)
      return r.status === 400 ? undefined : r
    })
    expect(first.status).toBe(201)
    const created = await Promise.all(all.slice(1).map((uuid, i) => create(uuid, i + 1)))
    expect(created.filter((r) => r.status !== 201)).toEqual([])
    const nodes = await waitFor(
      'the API to show the ring owner of every node',
      10_000,
      async () => {
        const n = await listNodes(api())
        return all.every((uuid) => n.get(uuid)?.conductor === ring.hostsFor(uuid)[0])
          ? n
          : undefined
      },
    )
    const owners = [...nodes.values()].map((n) => n.conductor)
    expect(owners.filter((c) => c === A)).toHaveLength(PER_CONDUCTOR)
    expect(owners.filter((c) => c === B)).toHaveLength(PER_CONDUCTOR)
  })

  it("has each node's work done by its ring owner (history `conductor`)", async () => {
    await provisionAll(api(), all, 'manage', 'manageable')
    await provisionAll(api(), all, 'provide', 'available')
    for (const uuid of all) {
      const events = await historyOf(api(), uuid)
      expect(events.length, `history of ${uuid}`).toBeGreaterThan(0)
      for (const e of events)
        expect(e.conductor, `${uuid}: ${e.event}`).toBe(ring.hostsFor(uuid)[0])
    }
  })

  it("moves a SIGKILLed conductor's nodes to B, clears its locks, fails its work", async () => {
    const db = database!.db
    const set = (uuid: string, cols: Record<string, unknown>) =>
      db.updateTable('nodes').set(cols).where('uuid', '=', uuid).execute()
    // What A held when it died: a lock, two operations under way, and a deployment that waits
    // for its ramdisk (no lock, as in Ironic's `wait call-back`).
    await set(aLocked, { reservation: A })
    await set(aDeploying, {
      reservation: A,
      provision_state: 'deploying',
      target_provision_state: 'active',
    })
    await set(aCleaning, {
      reservation: A,
      provision_state: 'cleaning',
      target_provision_state: 'available',
    })
    const step = { step: 'deploy', interface: 'deploy', priority: 100, args: {} }
    await set(aWaiting, {
      provision_state: 'wait call-back',
      target_provision_state: 'active',
      deploy_step: JSON.stringify(step),
      driver_internal_info: JSON.stringify({
        deploy_steps: [step],
        deploy_step_index: 0,
        steps_validated: true,
      }),
    })
    members!.a.child.kill('SIGKILL')
    await members!.a.exited
    const lastBeat = await db
      .selectFrom('conductors')
      .select('updated_at')
      .where('hostname', '=', A)
      .executeTakeFirstOrThrow()

    const nodes = await waitFor('the takeover by conductor-b', 25_000, async () => {
      const n = await listNodes(api())
      const done =
        [...n.values()].every((x) => x.conductor === B && x.reservation === null) &&
        n.get(aDeploying)?.provision_state === 'deploy failed' &&
        n.get(aCleaning)?.provision_state === 'clean failed'
      return done ? n : undefined
    })
    // Not before A missed its heartbeats for heartbeat_timeout.
    const failedAt = await db
      .selectFrom('nodes')
      .select('provision_updated_at')
      .where('uuid', '=', aDeploying)
      .executeTakeFirstOrThrow()
    const silence = Date.parse(failedAt.provision_updated_at!) - Date.parse(lastBeat.updated_at!)
    expect(silence).toBeGreaterThanOrEqual(TIMING.heartbeatTimeout * 1000)
    const conductors = await call(api(), 'GET', '/v1/conductors?detail=true')
    const alive = Object.fromEntries(
      conductors.body.conductors.map((c: any) => [c.hostname, c.alive]),
    )
    expect(alive).toEqual({ [A]: false, [B]: true })
    expect(nodes.get(aLocked)).toMatchObject({ provision_state: 'available', reservation: null })
    for (const uuid of [aDeploying, aCleaning]) {
      expect(nodes.get(uuid)?.last_error).toMatch(/went offline|conductor take over/)
    }
    // The wait state survives the takeover: the ramdisk's callback can still finish it.
    expect(nodes.get(aWaiting)).toMatchObject({
      provision_state: 'wait call-back',
      last_error: null,
    })
    for (const uuid of [aLocked, aDeploying, aCleaning]) {
      expect(members!.b.stderr()).toMatch(
        new RegExp(`(cleared the reservation of a dead conductor|Forcibly removed).*${uuid}`),
      )
    }
  })

  it("finishes the waiting deployment, runs new operations on A's nodes through B", async () => {
    // The ramdisk's callback reaches the node's new owner (what the agent heartbeat calls).
    const resumed = await rpc(members!.b, 'continue_node_deploy', { node_id: aWaiting })
    expect(resumed).toMatchObject({ result: null })
    // The lock A held is gone: a power action on the node is accepted and carried out.
    const was = (await listNodes(api())).get(aLocked)?.power_state
    const toggled = was === 'power on' ? 'power off' : 'power on'
    const power = await call(api(), 'PUT', `/v1/nodes/${aLocked}/states/power`, {
      target: toggled,
    })
    expect(power.status).toBe(202)
    await provisionAll(api(), aIdle, 'active', 'active')
    await provisionAll(api(), [aDeploying], 'deleted', 'available')
    const nodes = await waitFor(
      'the waiting deployment and the power action to finish',
      10_000,
      async () => {
        const n = await listNodes(api())
        const done =
          n.get(aWaiting)?.provision_state === 'active' &&
          n.get(aLocked)?.power_state === toggled
        return done ? n : undefined
      },
    )
    expect(nodes.get(aLocked)?.target_power_state).toBeNull()
    for (const uuid of [aWaiting, aDeploying, ...aIdle]) {
      const events = await historyOf(api(), uuid)
      // Cleaned by A before it died, deployed (or torn down) by B after.
      expect(events[0]?.conductor, `${uuid}: ${events[0]?.event}`).toBe(A)
      expect(events.at(-1)?.conductor, `${uuid}: ${events.at(-1)?.event}`).toBe(B)
    }
  })
})
