/** @module Tests for loading the layered Anvil configuration. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'

import { INTERFACE_KINDS, loadConfig, type Config, type ConfigOverrides } from './config.js'

const dir = mkdtempSync(join(tmpdir(), 'anvil-config-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fileCount = 0
/** Writes an INI file into the test directory and returns its path. */
function iniFile(...lines: string[]): string {
  const file = join(dir, `anvil-${++fileCount}.conf`)
  writeFileSync(file, lines.join('\n'))
  return file
}

/** Returns the message of the error `fn` throws. */
function errorOf(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('expected an error')
}

describe('loadConfig', () => {
  describe('defaults', () => {
    const config = loadConfig({ env: {} })

    it('uses Ironic defaults and Anvil choices when nothing is configured', () => {
      expect(config.api).toEqual({
        host_ip: '127.0.0.1',
        port: 6385,
        max_limit: 1000,
        public_endpoint: null,
        restrict_lookup: true,
        enable_ramdisk_endpoints: true,
      })
      expect(config.oslo_middleware.max_request_body_size).toBe(64 * 1024 * 1024)
      expect(config.json_rpc).toEqual({ auth_strategy: 'noauth', host_ip: '127.0.0.1', port: 8089 })
      expect(config.warnings).toEqual([])
    })

    it('puts state and the SQLite database under ./.anvil', () => {
      expect(config.stateDir).toBe(resolve('.anvil'))
      expect(config.DEFAULT.state_path).toBe(resolve('.anvil'))
      expect(config.database.connection).toBe(`sqlite:///${resolve('.anvil')}/anvil.sqlite`)
    })

    it('fills [DEFAULT] so that fake-hardware works out of the box', () => {
      const d = config.DEFAULT
      expect(d.host).toBe(hostname())
      expect(d.enabled_hardware_types).toEqual([
        'fake-hardware',
        'manual-management',
        'ipmi',
        'redfish',
      ])
      expect(d.enabled_power_interfaces).toEqual(['fake', 'ipmitool', 'redfish'])
      expect(d.enabled_network_interfaces).toEqual(['noop', 'flat'])
      expect(d.default_power_interface).toBeNull()
      expect(d.default_storage_interface).toBe('noop')
      expect(d.default_network_interface).toBe('noop')
      expect(d.auth_strategy).toBe('noauth')
      expect(d.debug).toBe(false)
      expect(d.log_file).toBeNull()
      expect(d.default_resource_class).toBeNull()
      expect(d.pin_release_version).toBeNull()
      expect([d.hash_partition_exponent, d.hash_ring_reset_interval]).toEqual([5, 15])
    })

    it('has an enabled list with fake (or noop) and a default for every interface kind', () => {
      for (const kind of INTERFACE_KINDS) {
        const enabled = config.DEFAULT[`enabled_${kind}_interfaces`]
        expect(enabled.some((name) => name === 'fake' || name === 'noop')).toBe(true)
        expect(config.DEFAULT).toHaveProperty(`default_${kind}_interface`)
      }
      expect(INTERFACE_KINDS).toHaveLength(13)
    })

    it.each([
      ['workers_pool_size', 300],
      ['heartbeat_interval', 10],
      ['heartbeat_timeout', 60],
      ['sync_power_state_interval', 120],
      ['check_provision_state_interval', 60],
      ['power_state_sync_max_retries', 3],
      ['sync_power_state_workers', 8],
      ['deploy_callback_timeout', 1800],
      ['clean_callback_timeout', 1800],
      ['inspect_wait_timeout', 1800],
      ['rescue_callback_timeout', 1800],
      ['automated_clean', true],
      ['allow_deleting_available_nodes', true],
      ['conductor_group', ''],
    ] as const)('defaults [conductor] %s to %j', (option, value) => {
      expect(config.conductor[option]).toBe(value)
    })

    it('is deeply frozen', () => {
      expect(Object.isFrozen(config)).toBe(true)
      expect(Object.isFrozen(config.api)).toBe(true)
      expect(Object.isFrozen(config.DEFAULT.enabled_hardware_types)).toBe(true)
      expect(() => {
        ;(config.api as { port: number }).port = 1
      }).toThrow(TypeError)
    })

    it('has typed sections', () => {
      expectTypeOf(config.api.port).toEqualTypeOf<number>()
      expectTypeOf(config.DEFAULT.enabled_boot_interfaces).toEqualTypeOf<readonly string[]>()
      expectTypeOf(config.DEFAULT.default_boot_interface).toEqualTypeOf<string | null>()
      expectTypeOf(config.json_rpc.auth_strategy).toEqualTypeOf<
        'noauth' | 'keystone' | 'http_basic'
      >()
      expectTypeOf<Config['conductor']['automated_clean']>().toEqualTypeOf<boolean>()
    })
  })

  describe('sources', () => {
    const file = iniFile(
      '# Ironic-style file',
      '[DEFAULT]',
      'enabled_hardware_types = fake-hardware, redfish',
      'enabled_power_interfaces =',
      'default_deploy_interface = direct',
      'debug = True',
      'auth_strategy = http_basic',
      `state_path = ${join(dir, 'state')}`,
      '[API]',
      'port = 7000',
      'restrict_lookup = off',
      '[conductor]',
      'automated_clean: no',
      'heartbeat_timeout = 120',
    )

    it('reads values from the INI file', () => {
      const c = loadConfig({ file, env: {} })
      expect(c.DEFAULT.enabled_hardware_types).toEqual(['fake-hardware', 'redfish'])
      expect(c.DEFAULT.enabled_power_interfaces).toEqual([])
      expect(c.DEFAULT.default_deploy_interface).toBe('direct')
      expect(c.DEFAULT.debug).toBe(true)
      expect(c.api.port).toBe(7000)
      expect(c.api.restrict_lookup).toBe(false)
      expect(c.conductor.automated_clean).toBe(false)
      expect(c.conductor.heartbeat_timeout).toBe(120)
      expect(c.conductor.heartbeat_interval).toBe(10)
    })

    it('derives state, database and json_rpc auth from the file when not set there', () => {
      const c = loadConfig({ file, env: {} })
      expect(c.stateDir).toBe(join(dir, 'state'))
      expect(c.database.connection).toBe(`sqlite:///${join(dir, 'state')}/anvil.sqlite`)
      expect(c.json_rpc.auth_strategy).toBe('http_basic')
    })

    it('lets environment variables override the file', () => {
      const env = {
        ANVIL_API__PORT: '7100',
        ANVIL_DEFAULT__ENABLED_HARDWARE_TYPES: 'fake-hardware',
        ANVIL_default__debug: 'false',
        ANVIL_JSON_RPC__AUTH_STRATEGY: 'noauth',
        ANVIL_OSLO_MIDDLEWARE__MAX_REQUEST_BODY_SIZE: '2048',
        ANVIL_DATABASE__CONNECTION: 'postgresql://anvil@db/anvil',
        UNRELATED: 'x',
      }
      const c = loadConfig({ file, env })
      expect(c.api.port).toBe(7100)
      expect(c.api.restrict_lookup).toBe(false)
      expect(c.DEFAULT.enabled_hardware_types).toEqual(['fake-hardware'])
      expect(c.DEFAULT.debug).toBe(false)
      expect(c.json_rpc.auth_strategy).toBe('noauth')
      expect(c.oslo_middleware.max_request_body_size).toBe(2048)
      expect(c.database.connection).toBe('postgresql://anvil@db/anvil')
      expect(c.warnings).toEqual([])
    })

    it('lets CLI overrides win over environment and file', () => {
      const c = loadConfig({
        file,
        env: { ANVIL_API__PORT: '7100', ANVIL_API__HOST_IP: '10.1.1.1' },
        overrides: { api: { port: 7200 }, conductor: { automated_clean: 'yes' } },
        stateDir: join(dir, 'cli-state'),
      })
      expect(c.api.port).toBe(7200)
      expect(c.api.host_ip).toBe('10.1.1.1')
      expect(loadConfig({ env: {}, overrides: { api: { port: undefined } } }).api.port).toBe(6385)
      expect(c.conductor.automated_clean).toBe(true)
      expect(c.stateDir).toBe(join(dir, 'cli-state'))
      expect(c.database.connection).toBe(`sqlite:///${join(dir, 'cli-state')}/anvil.sqlite`)
    })

    it('resolves a relative stateDir against the working directory', () => {
      expect(loadConfig({ env: {}, stateDir: 'rel/state' }).stateDir).toBe(resolve('rel/state'))
    })

    describe('with process.env', () => {
      afterEach(() => vi.unstubAllEnvs())

      it('reads process.env when no env is given', () => {
        vi.stubEnv('ANVIL_API__PORT', '7300')
        expect(loadConfig().api.port).toBe(7300)
      })
    })
  })

  describe('warnings', () => {
    it('collects unknown sections, options and ANVIL_ variables instead of failing', () => {
      const file = iniFile(
        '[DEFAULT]',
        'transport_url = rabbit://',
        '[keystone_authtoken]',
        'auth_type = password',
        '[api]',
        'api_workers = 4',
      )
      const env = { ANVIL_API__NOPE: '1', ANVIL_NOSECTION__PORT: '1', ANVIL_DIALECTS: 'sqlite' }
      expect(loadConfig({ file, env }).warnings).toEqual([
        `${file}:2: unknown option [DEFAULT] transport_url ignored`,
        `${file}: unknown section [keystone_authtoken] ignored`,
        `${file}:6: unknown option [api] api_workers ignored`,
        'environment variable ANVIL_API__NOPE names no known option; ignored',
        'environment variable ANVIL_NOSECTION__PORT names no known option; ignored',
      ])
    })
  })

  describe('errors', () => {
    it('names the file, line, section and option for a bad integer', () => {
      const file = iniFile('[api]', 'port = 80a')
      expect(errorOf(() => loadConfig({ file, env: {} }))).toBe(
        `Invalid value for [api] port in ${file} line 2: expected an integer >= 0 and <= 65535, ` +
          'got "80a"',
      )
    })

    it('names the environment variable for a bad boolean', () => {
      const env = { ANVIL_API__RESTRICT_LOOKUP: 'sometimes' }
      const message = errorOf(() => loadConfig({ env }))
      expect(message).toContain('Invalid value for [api] restrict_lookup in environment variable')
      expect(message).toContain('ANVIL_API__RESTRICT_LOOKUP: expected a boolean')
    })

    it.each([
      ['a value below the minimum', '[conductor]\nworkers_pool_size = 2', 'an integer >= 3'],
      ['an unknown choice', '[DEFAULT]\nauth_strategy = ldap', 'expected one of noauth, keystone'],
      ['a negative timeout', '[conductor]\ndeploy_callback_timeout = -1', 'integer >= 0'],
      ['a too-large heartbeat timeout', '[conductor]\nheartbeat_timeout = 315576001', '<= 3155'],
      ['an empty integer', '[api]\nmax_limit =', 'expected an integer >= 1'],
    ])('rejects %s', (_name, text, message) => {
      const file = iniFile(text)
      expect(errorOf(() => loadConfig({ file, env: {} }))).toContain(message)
    })

    it('rejects bad or unknown CLI overrides', () => {
      expect(errorOf(() => loadConfig({ env: {}, overrides: { api: { port: 1.5 } } }))).toBe(
        'Invalid value for [api] port in CLI overrides: expected an integer >= 0 and <= 65535, ' +
          'got 1.5',
      )
      const overrides = { api: { nope: 1 } } as unknown as ConfigOverrides
      expect(errorOf(() => loadConfig({ env: {}, overrides }))).toBe(
        'Unknown configuration option [api] nope in CLI overrides',
      )
    })

    it('reports a missing file and INI syntax errors with the file name', () => {
      const missing = join(dir, 'missing.conf')
      expect(errorOf(() => loadConfig({ file: missing, env: {} }))).toMatch(
        `Cannot read config file ${missing}: ENOENT`,
      )
      const file = iniFile('[api', 'port = 1')
      expect(errorOf(() => loadConfig({ file, env: {} }))).toContain(`${file}:1: Invalid section`)
    })
  })
})
