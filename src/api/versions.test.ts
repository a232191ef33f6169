import { describe, expect, it } from 'vitest'
import { NotAcceptableError } from '../common/errors.js'
import { MAX_MINOR, negotiateMinor } from './versions.js'

describe('negotiateMinor', () => {
  it.each([
    ['no header', undefined, undefined, 1],
    ['a plain version', '1.50', undefined, 50],
    ['latest', 'latest', undefined, MAX_MINOR],
    ['LATEST in any case', 'LATEST', undefined, MAX_MINOR],
    ['a zero-padded minor (Python int)', '1.01', undefined, 1],
    ['blanks around the parts', ' 1.50 ', undefined, 50],
    ['the standard header', undefined, 'baremetal 1.60', 60],
    ['the standard header among others', undefined, 'compute 2.1, baremetal 1.61', 61],
    ['the standard header over the legacy one', '1.50', 'baremetal 1.70', 70],
    ['a standard header for another service only', '1.40', 'compute 2.1', 40],
  ])('negotiates %s', (_name, legacy, standard, minor) => {
    expect(negotiateMinor(legacy, standard)).toBe(minor)
  })

  it.each([
    ['abc', 'Invalid value for X-OpenStack-Ironic-API-Version header'],
    ['1', 'Invalid value for X-OpenStack-Ironic-API-Version header'],
    ['1.x', 'Invalid value for X-OpenStack-Ironic-API-Version header'],
    ['', 'Invalid value for X-OpenStack-Ironic-API-Version header'],
    ['1.50.0', 'Invalid value for X-OpenStack-Ironic-API-Version header'],
    ['1.116', 'Version 1.116 was requested but the minor version is not supported by this service. The supported version range is: [1.1, 1.115].'],
    ['1.0', 'Version 1.0 was requested but the minor version is not supported by this service. The supported version range is: [1.1, 1.115].'],
    ['2.1', 'Mutually exclusive versions requested. Version 2.1 requested but not supported by this service. The supported version range is: [1.1, 1.115].'],
  ])('refuses %j with 406', (value, message) => {
    expect(() => negotiateMinor(value, undefined)).toThrow(NotAcceptableError)
    expect(() => negotiateMinor(value, undefined)).toThrow(message)
  })

  it('caps the range at a pinned maximum', () => {
    expect(negotiateMinor('latest', undefined, 82)).toBe(82)
    expect(() => negotiateMinor('1.83', undefined, 82)).toThrow('[1.1, 1.82]')
  })

  it('attaches the range headers to a 406', () => {
    try {
      negotiateMinor('9.9', undefined)
    } catch (e) {
      expect((e as NotAcceptableError).headers).toMatchObject({
        'X-OpenStack-Ironic-API-Minimum-Version': '1.1',
        'X-OpenStack-Ironic-API-Maximum-Version': '1.115',
      })
    }
  })
})
