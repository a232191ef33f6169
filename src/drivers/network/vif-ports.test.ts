import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import type { JsonObject } from '../types.js'
import type { ExclusivePortsTask, NetworkPort, NetworkPortgroup, NodePortStore } from './types.js'
import { attachVif, currentVifOf, detachVif, listVifs } from './vif-ports.js'

let next = 1

function port(over: Partial<NetworkPort> = {}): NetworkPort {
  const id = next++
  return {
    type: 'Port',
    id,
    uuid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    portgroup_id: null,
    internal_info: {},
    extra: {},
    physical_network: null,
    pxe_enabled: true,
    is_smartnic: false,
    local_link_connection: {},
    ...over,
  }
}

function portgroup(over: Partial<NetworkPortgroup> = {}): NetworkPortgroup {
  const id = next++
  return {
    type: 'Portgroup',
    id,
    uuid: `11111111-0000-4000-8000-${String(id).padStart(12, '0')}`,
    internal_info: {},
    extra: {},
    ...over,
  }
}

/** An in-memory store; `saved` records writes in order. */
function store(ports: NetworkPort[], portgroups: NetworkPortgroup[] = []) {
  const saved: Array<{ uuid: string; internal_info: JsonObject; extra: JsonObject }> = []
  const s: NodePortStore = {
    ports: async () => ports,
    portgroups: async () => portgroups,
    async save(target, changes) {
      saved.push({ uuid: target.uuid, ...changes })
      const list: Array<NetworkPort | NetworkPortgroup> = target.type === 'Port' ? ports : portgroups
      const i = list.findIndex((p) => p.id === target.id)
      list[i] = { ...target, ...changes } as NetworkPort & NetworkPortgroup
    },
  }
  return { store: s, saved }
}

function taskWith(s: NodePortStore): ExclusivePortsTask {
  return Object.assign(memoryTask(), { ports: s })
}

describe('VIFs on ports', () => {
  it('prefers a port group, then PXE-enabled ports, then database order', async () => {
    const pg = portgroup()
    const ports = [port({ pxe_enabled: false }), port(), port(), port({ portgroup_id: pg.id })]
    const { store: s, saved } = store(ports, [pg])
    const task = taskWith(s)
    await attachVif(task, { id: 'a' })
    await attachVif(task, { id: 'b' })
    await attachVif(task, { id: 'c' })
    expect(saved.map((w) => w.uuid)).toEqual([pg.uuid, ports[1]!.uuid, ports[2]!.uuid])
    expect(await listVifs(s)).toEqual([{ id: 'b' }, { id: 'c' }, { id: 'a' }])
  })

  it('keeps unrelated internal_info and extra, and drops the legacy extra key on detach', async () => {
    const p = port({ internal_info: { other: 1 }, extra: { vif_port_id: 'old', keep: true } })
    const { store: s } = store([p])
    const task = taskWith(s)
    await attachVif(task, { id: 'v' })
    expect((await s.ports())[0]!.internal_info).toEqual({ other: 1, tenant_vif_port_id: 'v' })
    await detachVif(task, 'v')
    expect((await s.ports())[0]).toMatchObject({ internal_info: { other: 1 }, extra: { keep: true } })
  })

  it('fails with 500 when a candidate port group has ports on different physical networks', async () => {
    const pg = portgroup()
    const { store: s } = store(
      [
        port({ portgroup_id: pg.id, physical_network: 'a' }),
        port({ portgroup_id: pg.id, physical_network: 'b' }),
      ],
      [pg],
    )
    await expect(attachVif(taskWith(s), { id: 'v' })).rejects.toMatchObject({
      status: 500,
      message: `Port group ${pg.uuid} has member ports with inconsistent physical networks (a, b). All ports in a port group must have the same physical network.`,
    })
  })

  it('accepts InfiniBand ports and Smart NIC ports with switch information', async () => {
    const ib = port({ is_smartnic: true, extra: { 'client-id': 'ff:00' } })
    const nic = port({ is_smartnic: true, local_link_connection: { port_id: 'p1', hostname: 'h' } })
    const plainWithSwitch = port({ local_link_connection: { port_id: 'p1', hostname: 'h' } })
    const { store: s, saved } = store([plainWithSwitch, ib, nic])
    const task = taskWith(s)
    await attachVif(task, { id: 'a' })
    await attachVif(task, { id: 'b' })
    await expect(attachVif(task, { id: 'c' })).rejects.toMatchObject({ status: 400 })
    expect(saved.map((w) => w.uuid)).toEqual([ib.uuid, nic.uuid])
  })

  it('tells the current VIF of a port: other networks before the tenant one', () => {
    expect(currentVifOf(port())).toBeNull()
    expect(currentVifOf(port({ internal_info: { tenant_vif_port_id: 't' } }))).toBe('t')
    const both = { tenant_vif_port_id: 't', cleaning_vif_port_id: 'c' }
    expect(currentVifOf(port({ internal_info: both }))).toBe('c')
  })
})
