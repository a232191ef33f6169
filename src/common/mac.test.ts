import { describe, expect, it } from 'vitest'
import { isValidMac, normalizeDatapathId, normalizeMac } from './mac.js'

describe('mac', () => {
  it.each([
    ['52:54:00:ab:cd:ef', '52:54:00:ab:cd:ef'],
    ['52:54:00:AB:CD:EF', '52:54:00:ab:cd:ef'],
    ['52:54:00:ab:cd:ef\n', '52:54:00:ab:cd:ef\n'],
  ])('accepts and lower-cases %j', (input, normalized) => {
    expect(isValidMac(input)).toBe(true)
    expect(normalizeMac(input)).toBe(normalized)
  })

  it.each([
    '52-54-00-ab-cd-ef',
    '5254.00ab.cdef',
    '52:54:00:ab:cd',
    '52:54:00:ab:cd:ef:01',
    'zz:54:00:ab:cd:ef',
    '',
    ' 52:54:00:ab:cd:ef',
    5,
    null,
  ])('refuses %j', (input) => {
    expect(isValidMac(input)).toBe(false)
    expect(normalizeMac(input)).toBeUndefined()
  })

  it('normalizes OpenFlow datapath IDs and refuses anything else', () => {
    expect(normalizeDatapathId('0123456789ABCDEF')).toBe('0123456789abcdef')
    expect(normalizeDatapathId('0123456789abcde')).toBeUndefined()
    expect(normalizeDatapathId('0123456789abcdef0')).toBeUndefined()
    expect(normalizeDatapathId('zz')).toBeUndefined()
  })
})
