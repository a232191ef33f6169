/** @module Tests for oslo-compatible secret masking; expected values come from real oslo.utils. */
import { describe, expect, it } from 'vitest'

import {
  maskDictPassword,
  maskDriverInfo,
  maskInstanceInfo,
  maskNodeSecrets,
  maskPassword,
  type JsonDict,
} from './mask.js'

// Expected outputs were produced by running oslo.utils (Debian python3-oslo.utils 6.0.1, with
// 'chapsecret' appended to _SANITIZE_KEYS as in oslo.utils master) on the same inputs:
// strutils.mask_password, strutils.mask_dict_password, and Ironic's node_sanitize masking steps.

interface StringCase {
  readonly name: string
  readonly input: string
  readonly expected: string
  readonly secret?: string
}

const STRING_CASES: readonly StringCase[] = [
  {
    name: 'no keyword',
    input: 'http://example.com/images/ubuntu.qcow2',
    expected: 'http://example.com/images/ubuntu.qcow2',
  },
  {
    name: 'key=value',
    input: 'console=ttyS0 password=foo rd.debug',
    expected: 'console=ttyS0 password=****** rd.debug',
  },
  { name: 'upper case key', input: 'PASSWORD=Foo user=bob', expected: 'PASSWORD=****** user=bob' },
  { name: 'numbered key', input: 'password2 = foo next', expected: 'password2 = ****** next' },
  {
    name: 'double-quoted value',
    input: 'password="a b c" next',
    expected: 'password="******" next',
  },
  { name: 'single-quoted value', input: "password='x y' next", expected: "password='******' next" },
  { name: 'key then quoted', input: 'password "abc" next', expected: 'password "******" next' },
  {
    name: 'json form',
    input: '{"password": "abc", "user": "u"}',
    expected: '{"password": "******", "user": "}',
  },
  {
    name: 'json with prefix key',
    input: '{"ipmi_password": "abc", "user": "u"}',
    expected: '{"ipmi_password": "******", "user": "}',
  },
  {
    name: 'python repr',
    input: "{'admin_pass': 'aaa', 'x': 'y'}",
    expected: "{'admin_pass': '******', 'x': '}",
  },
  { name: 'unicode repr', input: "{'adminPass': u'aaa'}", expected: "{'adminPass': u'******'}" },
  {
    name: 'xml form',
    input: '<password>abc</password> <user>bob</user>',
    expected: '<password>******</password> <user>bob</user>',
  },
  {
    name: 'long option',
    input: 'ipmitool --password abc --user bob',
    expected: 'ipmitool --password ****** --user bob',
  },
  {
    name: 'short option after key',
    input: 'auth_token -t abc123 rest',
    expected: 'auth_token -t ****** rest',
  },
  {
    name: 'argv list',
    input: "['cmd', 'password', '--pw', 'hunter2']",
    expected: "['cmd', 'password', '--pw', '******']",
  },
  {
    name: 'argv list double quotes',
    input: '"password", \'--pw\', "hunter2"',
    expected: '"password", \'--pw\', "******"',
  },
  { name: 'chained keys', input: 'password=token', expected: 'password=******' },
  {
    name: 'several keys',
    input: 'token=abc secret=def sys_pswd=ghi',
    expected: 'token=****** secret=****** sys_pswd=******',
  },
  {
    name: 'wildcard with quote in value',
    input: '{"password": "ab\'cd"}',
    expected: '{"password": "******\'}',
  },
  {
    name: 'wildcard chapsecret',
    input: '{"chapsecret": "a\'b\'c"}',
    expected: '{"chapsecret": "******\'}',
  },
  {
    name: 'configdrive in text',
    input: 'configdrive=H4sIAAAA rest',
    expected: 'configdrive=****** rest',
  },
  {
    name: 'ceph key',
    input: 'CephAdminKey: foo, cephadminkey=bar',
    expected: 'CephAdminKey: foo, cephadminkey=******',
  },
  {
    name: 'python whitespace \\x1c',
    input: 'password\u001c=abc next',
    expected: 'password\u001c=****** next',
  },
  {
    name: 'js-only whitespace \\ufeff',
    input: 'password\ufeff=abc next',
    expected: 'password\ufeff=abc next',
  },
  {
    name: 'nbsp whitespace',
    input: 'password\u00a0=\u00a0abc next',
    expected: 'password\u00a0=\u00a0****** next',
  },
  { name: 'kelvin sign in key', input: 'to\u212aen=abc next', expected: 'to\u212aen=****** next' },
  { name: 'long s in key', input: 'pa\u017fsword=abc next', expected: 'pa\u017fsword=abc next' },
  {
    name: 'dotted I variant',
    input: 'secret_uuid=1 secret_uu\u0130d=2 secret_uu\u0131d=3',
    expected: 'secret_uuid=****** secret_uu\u0130d=****** secret_uu\u0131d=******',
  },
  {
    name: 'multi-line',
    input: "line1\npassword=abc\nline3 'token': 'x'",
    expected: "line1\npassword=******\nline3 'token': '******'",
  },
  { name: 'empty', input: '', expected: '' },
  { name: 'custom secret', input: 'password=abc', expected: 'password=???', secret: '???' },
  { name: 'dollar secret', input: 'password=abc', expected: 'password=$1$&', secret: '$1$&' },
]

interface DictCase {
  readonly name: string
  readonly input: JsonDict
  readonly expected: JsonDict
  readonly secret?: string
}

const DICT_CASES: readonly DictCase[] = [
  { name: 'empty', input: {}, expected: {} },
  {
    name: 'oslo docstring',
    input: { password: 'd81juxmEW_', user: 'admin', 'home-dir': '/home/admin' },
    expected: { password: '******', user: 'admin', 'home-dir': '/home/admin' },
  },
  {
    name: 'key match beats value form',
    input: { password: '--password d81juxmEW_', user: 'admin' },
    expected: { password: '******', user: 'admin' },
  },
  {
    name: 'nested',
    input: { nested: { password: 'x', user: 'admin', deeper: { token: 1 } } },
    expected: { nested: { password: '******', user: 'admin', deeper: { token: '******' } } },
  },
  {
    name: 'secret key with object value recurses',
    input: { password: { a: 'b', token: 't' } },
    expected: { password: { a: 'b', token: '******' } },
  },
  {
    name: 'ipmi driver_info',
    input: {
      ipmi_address: '1.2.3.4',
      ipmi_username: 'admin',
      ipmi_password: 'pw',
      ipmi_hex_kg_key: 'abcd',
      ipmi_port: 623,
      deploy_kernel: 'http://x/k',
    },
    expected: {
      ipmi_address: '1.2.3.4',
      ipmi_username: 'admin',
      ipmi_password: '******',
      ipmi_hex_kg_key: 'abcd',
      ipmi_port: 623,
      deploy_kernel: 'http://x/k',
    },
  },
  {
    name: 'redfish driver_info',
    input: {
      redfish_address: 'https://bmc',
      redfish_username: 'root',
      redfish_password: 'calvin',
      redfish_verify_ca: true,
      redfish_auth_type: 'auto',
    },
    expected: {
      redfish_address: 'https://bmc',
      redfish_username: 'root',
      redfish_password: '******',
      redfish_verify_ca: true,
      redfish_auth_type: 'auto',
    },
  },
  {
    name: 'mixed case keys',
    input: { IPMI_Password: 'x', AuthToken: 'y', 'X-Auth-Token': 'z', OSPassword: 'w' },
    expected: {
      IPMI_Password: '******',
      AuthToken: '******',
      'X-Auth-Token': '******',
      OSPassword: '******',
    },
  },
  {
    name: 'non-string secrets',
    input: { password: 123, token: null, secret: ['a'], passphrase: true, count: 3 },
    expected: {
      password: '******',
      token: '******',
      secret: '******',
      passphrase: '******',
      count: 3,
    },
  },
  {
    name: 'lists are not scanned',
    input: { list: [{ password: 'x' }], str_list: ['password=foo'], n: [1, 2] },
    expected: { list: [{ password: 'x' }], str_list: ['password=foo'], n: [1, 2] },
  },
  {
    name: 'string values scanned',
    input: { kernel_append_params: 'nofb password=abc', extra: '{"token": "t"}', plain: 'hello' },
    expected: {
      kernel_append_params: 'nofb password=******',
      extra: '{"token": "******"}',
      plain: 'hello',
    },
  },
  {
    name: 'bare key is not secret',
    input: { key: 'abc', snmp_auth_key: 'k1', snmp_priv_key: 'k2', bmc_key: 'x' },
    expected: { key: 'abc', snmp_auth_key: 'k1', snmp_priv_key: 'k2', bmc_key: 'x' },
  },
  {
    name: 'agent token internal info',
    input: {
      agent_secret_token: 'abc',
      agent_secret_token_pregenerated: true,
      agent_url: 'http://10.0.0.2:9999',
      clean_steps: [{ step: 'erase_devices', args: { password: 'x' } }],
    },
    expected: {
      agent_secret_token: '******',
      agent_secret_token_pregenerated: '******',
      agent_url: 'http://10.0.0.2:9999',
      clean_steps: [{ step: 'erase_devices', args: { password: 'x' } }],
    },
  },
  {
    name: 'numeric-like keys',
    input: { b: 1, '1': 'password=x', '0': 'plain' },
    expected: { b: 1, '1': 'password=******', '0': 'plain' },
  },
  {
    name: 'custom secret',
    input: { password: 'x', note: 'token=abc' },
    expected: { password: '<hidden>', note: 'token=<hidden>' },
    secret: '<hidden>',
  },
]

interface NodeCase {
  readonly name: string
  readonly input: readonly [JsonDict, JsonDict, JsonDict]
  readonly expected: readonly [JsonDict, JsonDict, JsonDict]
}

const NODE_CASES: readonly NodeCase[] = [
  { name: 'empty fields', input: [{}, {}, {}], expected: [{}, {}, {}] },
  {
    name: 'typical ipmi node',
    input: [
      {
        ipmi_address: '10.0.0.5',
        ipmi_password: 'pw',
        ipmi_username: 'admin',
        snmp_auth_key: 'authkey',
        snmp_priv_key: 'privkey',
      },
      {
        image_source: 'http://img/ubuntu.qcow2',
        image_url: 'http://swift/v1/img?temp_url_sig=abc',
        configdrive: 'H4sIAAAAAAAAA',
        root_gb: 10,
        image_os_hash_value: 'deadbeef',
      },
      { agent_secret_token: 'tok', agent_url: 'http://10.0.0.9:9999', is_whole_disk_image: true },
    ],
    expected: [
      {
        ipmi_address: '10.0.0.5',
        ipmi_password: '******',
        ipmi_username: 'admin',
        snmp_auth_key: '******',
        snmp_priv_key: '******',
      },
      {
        image_source: 'http://img/ubuntu.qcow2',
        image_url: '******',
        configdrive: '******',
        root_gb: 10,
        image_os_hash_value: 'deadbeef',
      },
      {
        agent_secret_token: '******',
        agent_url: 'http://10.0.0.9:9999',
        is_whole_disk_image: true,
      },
    ],
  },
  {
    name: 'configdrive as dict',
    input: [
      { snmp_auth_key: '', snmp_priv_key: null },
      {
        configdrive: { meta_data: { admin_pass: 'x', uuid: 'u' }, user_data: '#cloud-config' },
        image_url: '',
      },
      { deploy_steps: null },
    ],
    expected: [
      { snmp_auth_key: '', snmp_priv_key: null },
      { configdrive: '******', image_url: '' },
      { deploy_steps: null },
    ],
  },
  {
    name: 'empty configdrive dict and list snmp key',
    input: [
      { snmp_auth_key: [], snmp_priv_key: { a: 1 } },
      { configdrive: {}, image_url: 'u' },
      { x: 0 },
    ],
    expected: [
      { snmp_auth_key: [], snmp_priv_key: '******' },
      { configdrive: {}, image_url: '******' },
      { x: 0 },
    ],
  },
]

/** Deep copy, so tests can check the input was left untouched. */
function clone<T>(v: T): T {
  return structuredClone(v)
}

describe('maskPassword', () => {
  it.each(STRING_CASES)('matches oslo for $name', ({ input, expected, secret }) => {
    expect(maskPassword(input, secret)).toBe(expected)
  })

  it('uses the six-star mask by default', () => {
    expect(maskPassword('password=abc')).toBe('password=******')
  })
})

describe('maskDictPassword', () => {
  it.each(DICT_CASES)('matches oslo for $name', ({ input, expected, secret }) => {
    const before = clone(input)
    expect(maskDictPassword(input, secret)).toEqual(expected)
    expect(input).toEqual(before)
  })

  it('returns the input itself when nothing needs masking', () => {
    const info = { ipmi_address: '10.0.0.1', nested: { port: 623 }, list: ['password=x'] }
    expect(maskDictPassword(info)).toBe(info)
  })

  it('shares unchanged nested objects and copies changed ones', () => {
    const clean = { a: 1 }
    const dirty = { token: 'x' }
    const out = maskDictPassword({ clean, dirty })
    expect(out['clean']).toBe(clean)
    expect(out['dirty']).not.toBe(dirty)
    expect(dirty).toEqual({ token: 'x' })
  })

  it('keeps an own __proto__ key as data when masking', () => {
    const input = JSON.parse('{"__proto__": "password=x", "a": 1}') as JsonDict
    const out = maskDictPassword(input)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('password=******')
  })

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'password=x'],
  ])('throws TypeError when given %s', (_name, value) => {
    expect(() => maskDictPassword(value as unknown as JsonDict)).toThrow(TypeError)
  })

  it('masks 10,000 clean driver_info dicts quickly', () => {
    const infos = Array.from({ length: 10_000 }, (_, i) => ({
      ipmi_address: `10.0.${i >> 8}.${i & 255}`,
      ipmi_username: 'admin',
      ipmi_port: 623,
      deploy_kernel: 'http://images/ipa.kernel',
      deploy_ramdisk: 'http://images/ipa.initramfs',
      ipmi_password: 'secret',
    }))
    const start = performance.now()
    for (const info of infos) maskDriverInfo(info)
    expect(performance.now() - start).toBeLessThan(1000)
  })
})

describe('maskNodeSecrets', () => {
  it.each(NODE_CASES)('matches Ironic node_sanitize for $name', ({ input, expected }) => {
    const before = clone(input)
    const out = maskNodeSecrets(...input)
    expect([out.driver_info, out.instance_info, out.driver_internal_info]).toEqual(expected)
    expect(input).toEqual(before)
  })

  it('passes null and undefined fields through', () => {
    expect(maskNodeSecrets(null, undefined, null)).toEqual({
      driver_info: null,
      instance_info: undefined,
      driver_internal_info: null,
    })
  })

  it('does not mutate instance_info when hiding image_url', () => {
    const info = { image_url: 'http://swift/x?temp_url_sig=1', image_source: 'glance://x' }
    const out = maskInstanceInfo(info)
    expect(out).toEqual({ image_url: '******', image_source: 'glance://x' })
    expect(info.image_url).toBe('http://swift/x?temp_url_sig=1')
  })
})
