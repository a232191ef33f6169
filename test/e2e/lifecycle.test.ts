/**
 * @module e2e: a fake-hardware node's whole lifecycle through the real `baremetal` CLI with
 * `--wait` (the conductor issue's acceptance path): create → manage → provide (automated
 * cleaning) → deploy with a deploy template applied through a trait → active → rebuild →
 * undeploy → available → manual clean → delete; power, boot device, maintenance, traits and
 * allocations on the way. SQLite only: the state machine does not depend on the dialect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOOK_TIMEOUT, startServer, type E2eServer } from './harness.js'

const WAIT = ['--wait', '60']

describe('baremetal lifecycle with --wait (sqlite)', () => {
  let s: E2eServer
  const show = async (field: string) =>
    (await s.cliJson<Record<string, unknown>>(['node', 'show', 'life-0', '--fields', field]))[field]

  beforeAll(async () => {
    s = await startServer('sqlite')
  }, HOOK_TIMEOUT)
  afterAll(async () => {
    await s?.stop()
  })

  it('takes a node from enroll to available, with automated cleaning', async () => {
    const created = await s.cliJson(['node', 'create', '--driver', 'fake-hardware', '--name', 'life-0'])
    expect(created.provision_state).toBe('enroll')
    await s.cliOk(['node', 'manage', 'life-0', ...WAIT])
    expect(await show('provision_state')).toBe('manageable')
    await s.cliOk(['node', 'provide', 'life-0', ...WAIT])
    expect(await show('provision_state')).toBe('available')
    const history = await s.cliOk(['node', 'history', 'list', 'life-0', '-f', 'value', '-c', 'Description of the event'])
    expect(history).toMatch(/clean/i)
  })

  it('sets power, boot device, maintenance and traits', async () => {
    await s.cliOk(['node', 'power', 'on', 'life-0', '--power-timeout', '30'])
    await expect.poll(() => show('power_state'), { timeout: 30_000 }).toBe('power on')
    await s.cliOk(['node', 'reboot', 'life-0'])
    await expect.poll(() => show('power_state'), { timeout: 30_000 }).toBe('power on')
    // Ironic's fake management supports only pxe and always reports it as one-time
    await s.cliOk(['node', 'boot', 'device', 'set', 'life-0', 'pxe', '--persistent'])
    const boot = await s.cliJson(['node', 'boot', 'device', 'show', 'life-0'])
    expect(boot).toEqual({ boot_device: 'pxe', persistent: false })
    await s.cliOk(['node', 'maintenance', 'set', 'life-0', '--reason', 'cabling'])
    expect(await show('maintenance_reason')).toBe('cabling')
    await s.cliOk(['node', 'maintenance', 'unset', 'life-0'])
    expect(await show('maintenance')).toBe(false)
    await s.cliOk(['node', 'add', 'trait', 'life-0', 'CUSTOM_GOLD', 'CUSTOM_RAID'])
    const traits = await s.cliOk(['node', 'trait', 'list', 'life-0', '-f', 'value'])
    expect(traits.trim().split('\n').sort()).toEqual(['CUSTOM_GOLD', 'CUSTOM_RAID'])
    await s.cliOk(['node', 'remove', 'trait', 'life-0', 'CUSTOM_RAID'])
    expect((await s.cliOk(['node', 'trait', 'list', 'life-0', '-f', 'value'])).trim()).toBe('CUSTOM_GOLD')
  })

  it('deploys with a deploy template applied through a trait, rebuilds and undeploys', async () => {
    await s.cliOk([
      'deploy', 'template', 'create', 'CUSTOM_GOLD',
      '--steps', '[{"interface": "power", "step": "power_off", "args": {}, "priority": 90}]',
    ])
    await s.cliOk(['node', 'set', 'life-0', '--instance-info', 'traits=["CUSTOM_GOLD"]'])
    await s.cliOk(['node', 'deploy', 'life-0', ...WAIT])
    expect(await show('provision_state')).toBe('active')
    const events = await s.cliOk(['node', 'history', 'list', 'life-0', '-f', 'value', '-c', 'Description of the event'])
    expect(events).toContain("'step': 'power_off'")
    await s.cliOk(['node', 'rebuild', 'life-0', ...WAIT])
    expect(await show('provision_state')).toBe('active')
    await s.cliOk(['node', 'undeploy', 'life-0', ...WAIT])
    expect(await show('provision_state')).toBe('available')
  })

  it('allocates an available node by resource class and trait', async () => {
    await s.cliOk(['node', 'set', 'life-0', '--resource-class', 'gold'])
    const alloc = await s.cliJson(['allocation', 'create', '--resource-class', 'gold', '--trait', 'CUSTOM_GOLD', '--wait', '60'])
    expect(alloc.state).toBe('active')
    expect(alloc.node_uuid).toBe(await show('uuid'))
    expect(await show('instance_uuid')).toBe(alloc.uuid)
    await s.cliOk(['allocation', 'delete', alloc.uuid as string])
    expect(await show('instance_uuid')).toBeNull()
  })

  it('cleans manually from manageable, then deletes the node', async () => {
    await s.cliOk(['node', 'manage', 'life-0', ...WAIT])
    await s.cliOk([
      'node', 'clean', 'life-0', ...WAIT,
      '--clean-steps', '[{"interface": "power", "step": "power_on", "args": {}}]',
    ])
    expect(await show('provision_state')).toBe('manageable')
    expect(await show('power_state')).toBe('power on')
    await s.cliOk(['node', 'delete', 'life-0'])
    const gone = await s.cli(['node', 'show', 'life-0'])
    expect(gone.code).not.toBe(0)
    expect(gone.stderr).toContain('Node life-0 could not be found.')
  })
})
