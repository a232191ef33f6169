/** @module Tests for the oslo.config-style INI parser and option value types. */
import { describe, expect, it } from 'vitest'

import {
  boolOpt,
  choiceOpt,
  intOpt,
  IniSyntaxError,
  listOpt,
  optionalStrOpt,
  parseIni,
  portOpt,
  strOpt,
} from './ini.js'

/** Flattens a parsed document to `{ section: { key: value } }` for easy comparison. */
function flat(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {}
  for (const [section, entries] of parseIni(text)) {
    out[section] = Object.fromEntries([...entries].map(([k, e]) => [k, e.value]))
  }
  return out
}

describe('parseIni', () => {
  it('reads sections, trimmed keys and values, and skips comments', () => {
    const text = [
      '# leading comment',
      '[DEFAULT]',
      'debug = true',
      '; another comment',
      '[api]',
      '  ',
      'port=7000   ',
      'host_ip :  10.0.0.1',
      '#port = 1',
    ].join('\n')
    expect(flat(text)).toEqual({
      DEFAULT: { debug: 'true' },
      api: { port: '7000', host_ip: '10.0.0.1' },
    })
  })

  it('splits at the first of = or :', () => {
    expect(flat('[s]\na = b:c\nurl: http://x/?q=1\n')).toEqual({
      s: { a: 'b:c', url: 'http://x/?q=1' },
    })
  })

  it('keeps inline # and ; as part of the value', () => {
    expect(flat('[s]\na = x # not a comment\n')).toEqual({ s: { a: 'x # not a comment' } })
  })

  it('strips one pair of matching quotes', () => {
    expect(flat(`[s]\na = "x y"\nb = 'z'\nc = "mixed'\nd = ""\n`)).toEqual({
      s: { a: 'x y', b: 'z', c: `"mixed'`, d: '' },
    })
  })

  it('joins indented continuation lines with newlines', () => {
    expect(flat('[s]\nlist = a,\n  b,\n\tc\nnext = 1\n')).toEqual({
      s: { list: 'a,\nb,\nc', next: '1' },
    })
  })

  it('keeps the last value of a repeated key and merges repeated sections', () => {
    expect(flat('[s]\na = 1\n[t]\nb = 2\n[s]\na = 3\n')).toEqual({ s: { a: '3' }, t: { b: '2' } })
  })

  it('handles CRLF line endings and records line numbers', () => {
    const doc = parseIni('[s]\r\n\r\na = 1\r\n')
    expect(doc.get('s')?.get('a')).toEqual({ value: '1', line: 3 })
  })

  it.each([
    ['an unterminated section', '[api\nport = 1', 1, 'Invalid section'],
    ['an empty section name', '[]', 1, 'Empty section name'],
    ['a line without = or :', '[s]\njust words', 2, "No ':' or '='"],
    ['an empty key', '[s]\n= 1', 2, 'Key cannot be empty'],
    ['a continuation without a key', '[s]\n  orphan', 2, 'Unexpected continuation'],
    ['an assignment before any section', 'a = 1', 1, 'Section must be started'],
  ])('throws IniSyntaxError on %s', (_name, text, line, reason) => {
    let error: unknown
    try {
      parseIni(text, '/etc/anvil.conf')
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(IniSyntaxError)
    expect((error as IniSyntaxError).line).toBe(line)
    expect((error as Error).message).toContain(`/etc/anvil.conf:${line}: ${reason}`)
  })
})

describe('option types', () => {
  it.each(['true', 'TRUE', 'yes', 'On', '1', ' true '])('boolOpt reads %j as true', (raw) => {
    expect(boolOpt(false).coerce(raw)).toBe(true)
  })

  it.each(['false', 'False', 'no', 'OFF', '0'])('boolOpt reads %j as false', (raw) => {
    expect(boolOpt(true).coerce(raw)).toBe(false)
  })

  it.each(['', 'maybe', 't', '2', 1])('boolOpt rejects %j', (raw) => {
    expect(() => boolOpt(true).coerce(raw)).toThrow(/expected a boolean/)
  })

  it('intOpt parses signed integers and enforces bounds', () => {
    expect(intOpt(0).coerce(' -12 ')).toBe(-12)
    expect(intOpt(0).coerce('+7')).toBe(7)
    expect(intOpt(0).coerce(42)).toBe(42)
    expect(() => intOpt(0, 3).coerce('2')).toThrow('expected an integer >= 3, got "2"')
    expect(() => intOpt(0).coerce('1.5')).toThrow('expected an integer')
    expect(() => intOpt(0).coerce(1.5)).toThrow('expected an integer')
    expect(() => intOpt(0).coerce('12abc')).toThrow('expected an integer')
    expect(() => intOpt(0).coerce('')).toThrow('expected an integer')
    expect(() => intOpt(0).coerce('99999999999999999999')).toThrow('expected an integer')
  })

  it('portOpt accepts 0-65535 only', () => {
    expect(portOpt(1).coerce('65535')).toBe(65535)
    expect(() => portOpt(1).coerce('65536')).toThrow('>= 0 and <= 65535')
    expect(() => portOpt(1).coerce('-1')).toThrow('>= 0 and <= 65535')
  })

  it('listOpt splits on commas, trims, and drops empty items', () => {
    expect(listOpt([]).coerce(' fake-hardware, ipmi,,redfish ')).toEqual([
      'fake-hardware',
      'ipmi',
      'redfish',
    ])
    expect(listOpt(['x']).coerce('')).toEqual([])
    expect(listOpt([]).coerce(['a', 'b'])).toEqual(['a', 'b'])
    expect(() => listOpt([]).coerce([1])).toThrow('expected a comma-separated list')
  })

  it('choiceOpt accepts only its choices', () => {
    const opt = choiceOpt(['noauth', 'keystone'], 'noauth')
    expect(opt.coerce(' keystone ')).toBe('keystone')
    expect(() => opt.coerce('Keystone')).toThrow('expected one of noauth, keystone')
  })

  it('optionalStrOpt turns an empty value into null', () => {
    expect(optionalStrOpt('x').coerce('')).toBeNull()
    expect(optionalStrOpt().coerce('baremetal')).toBe('baremetal')
    expect(() => strOpt('').coerce(5)).toThrow('expected a string')
  })
})
