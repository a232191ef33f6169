/**
 * @module e2e: `baremetal driver ...` and `baremetal conductor ...` against a live `anvil serve`
 * configured like the reference Ironic, compared with Ironic 21.4's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects } from '../helpers/anvil.js'
import { cmd, E2E_HOST, HOOK_TIMEOUT, startServer, type E2eServer } from './harness.js'
import { expectLike, fixture, recorded, type LikeOptions } from './recorded.js'

/**
 * Ironic lists a hardware type's enabled interfaces in the order its conductor registered them,
 * which comes from a Python set (it varies between Ironic processes): compare them as sets.
 */
const ENABLED_AS_SETS: LikeOptions = {
  transform: (row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) =>
        /^enabled_|^Enabled /.test(k) && typeof v === 'string'
          ? [k, v.split(', ').sort().join(', ')]
          : [k, v],
      ),
    ),
}

/**
 * Anvil's `redfish` hardware type follows Ironic master, whose redfish console interfaces are
 * `redfish-graphical, ipmitool-socat, no-console, fake-graphical` (drivers/redfish.py); Ironic 21.4
 * only had `no-console`. With the reference's enabled interfaces that shows in the redfish row.
 */
const MASTER_REDFISH_CONSOLE = (row: Record<string, unknown>) =>
  row['Supported driver(s)'] !== 'redfish'
    ? row
    : {
        ...row,
        'Default Console Interface': 'ipmitool-socat',
        'Enabled Console Interfaces': 'ipmitool-socat, no-console',
      }

describe.each(dialects())(
  'baremetal driver and conductor (%s)',
  { timeout: 300_000 },
  (dialect) => {
    let s: E2eServer

    beforeAll(async () => {
      s = await startServer(dialect)
    }, HOOK_TIMEOUT)
    afterAll(async () => {
      await s?.stop()
    }, HOOK_TIMEOUT)

    it('lists drivers (table, JSON, --long) like Ironic', async () => {
      const [table, json, long] = await Promise.all([
        s.cli(cmd`driver list`),
        s.cli(cmd`driver list -f json`),
        s.cli(cmd`driver list --long -f json`),
      ])
      expectLike(table, fixture('driver-list'))
      expectLike(json, recorded('driver-list'))
      expectLike(long, recorded('driver-list-long'), {
        ...ENABLED_AS_SETS,
        expected: MASTER_REDFISH_CONSOLE,
      })
    })

    it('shows fake-hardware and its properties like Ironic', async () => {
      const [table, json, props, unknown] = await Promise.all([
        s.cli(cmd`driver show fake-hardware`),
        s.cli(cmd`driver show fake-hardware -f json`),
        s.cli(cmd`driver property list fake-hardware -f json`),
        s.cli(cmd`driver show bogus`),
      ])
      expectLike(table, fixture('driver-show'), ENABLED_AS_SETS)
      expectLike(json, recorded('driver-show'), ENABLED_AS_SETS)
      expectLike(props, recorded('driver-property-list'))
      expectLike(unknown, recorded('driver-show-unknown'))
    })

    it('lists conductors (table, JSON, --long) like Ironic', async () => {
      const [table, json, long] = await Promise.all([
        s.cli(cmd`conductor list`),
        s.cli(cmd`conductor list -f json`),
        s.cli(cmd`conductor list --long -f json`),
      ])
      expectLike(table, fixture('conductor-list'))
      expectLike(json, recorded('conductor-list'))
      expectLike(long, recorded('conductor-list-long'))
    })

    it('shows a conductor like Ironic', async () => {
      const [table, json, unknown] = await Promise.all([
        s.cli(cmd`conductor show ${E2E_HOST}`),
        s.cli(cmd`conductor show ${E2E_HOST} -f json`),
        s.cli(cmd`conductor show no-such-host`),
      ])
      expectLike(table, fixture('conductor-show'))
      expectLike(json, recorded('conductor-show'))
      expectLike(unknown, recorded('conductor-show-unknown'))
      expect(JSON.parse(json.stdout).hostname).toBe(E2E_HOST)
    })
  },
)
