/**
 * @module Unit tests of the client's output helpers: prettytable-style tables, Python reprs,
 * Python-style JSON and the cliff formatters.
 */
import { describe, expect, it } from 'vitest'
import { formatList, formatOne } from '../../src/cli/client/output/formatters.js'
import { pyJson } from '../../src/cli/client/output/pyjson.js'
import { pyRepr, pyStr } from '../../src/cli/client/output/pyrepr.js'
import { renderTable } from '../../src/cli/client/output/table.js'
import { splitAndDeserialize, argsToPatch } from '../../src/cli/client/args.js'

describe('renderTable', () => {
  it('draws prettytable borders with multi-line cells and right-aligned numbers', () => {
    expect(renderTable(['A', 'Num'], [['x\ny', '1'], ['long', '22']], { align: ['l', 'r'] })).toBe(
      ['+------+-----+', '| A    | Num |', '+------+-----+', '| x    |   1 |', '| y    |     |', '| long |  22 |', '+------+-----+'].join('\n'),
    )
  })

  it('prints nothing for no rows unless asked', () => {
    expect(renderTable(['A'], [])).toBe('')
    expect(renderTable(['A'], [], { printEmpty: true })).toBe('+---+\n| A |\n+---+\n+---+')
  })
})

describe('pyRepr', () => {
  it.each([
    [null, 'None'],
    [true, 'True'],
    [{ a: [1, 'b', null], "it's": { x: false } }, `{'a': [1, 'b', None], "it's": {'x': False}}`],
    ['tab\there', "'tab\\there'"],
    [1.5, '1.5'],
  ])('renders %j as %s', (value, text) => {
    expect(pyRepr(value)).toBe(text)
  })

  it('keeps top-level strings as they are', () => {
    expect(pyStr('plain')).toBe('plain')
  })
})

describe('pyJson', () => {
  it('writes like json.dumps', () => {
    expect(pyJson({ a: [1, {}], b: 'é' }, null)).toBe('{"a": [1, {}], "b": "\\u00e9"}')
    expect(pyJson({ a: [] })).toBe('{\n  "a": []\n}')
  })
})

describe('formatters', () => {
  it('renders lists as csv with non-numeric quoting', () => {
    expect(formatList(['A', 'B', 'C'], [['x', 2, null], ['y"z', true, { k: 1 }]], { format: 'csv' })).toBe(
      '"A","B","C"\n"x",2,""\n"y""z",True,"{\'k\': 1}"\n',
    )
  })

  it('renders empty lists like cliff', () => {
    expect(formatList(['A'], [], { format: 'table' })).toBe('\n')
    expect(formatList(['A'], [], { format: 'json' })).toBe('[]\n')
    expect(formatList(['A'], [], { format: 'yaml' })).toBe('[]\n')
  })

  it('renders one object per format', () => {
    expect(formatOne(['a', 'b'], [{ x: [1] }, null], { format: 'yaml' })).toBe('a:\n  x:\n  - 1\nb: null\n')
    expect(formatOne(['a', 'b'], ['v', null], { format: 'value', column: ['b'] })).toBe('None\n')
  })
})

describe('command-line values', () => {
  it('JSON-decodes values like python-ironicclient', () => {
    expect(splitAndDeserialize('cpus=4')).toEqual(['cpus', 4])
    expect(splitAndDeserialize('name=a=b')).toEqual(['name', 'a=b'])
    expect(argsToPatch('add', ['properties/x={"y": 1}'])).toEqual([{ op: 'add', path: '/properties/x', value: { y: 1 } }])
    expect(argsToPatch('remove', ['extra/k'])).toEqual([{ op: 'remove', path: '/extra/k' }])
  })
})
