/** @module RAID configuration schema checks. */
import { describe, expect, it } from 'vitest'
import { InvalidParameterValueError } from '../../common/errors.js'
import { logicalDiskProperties, validateRaidConfiguration } from './config.js'

describe('validateRaidConfiguration', () => {
  it.each([
    ['one disk', { logical_disks: [{ raid_level: '1', size_gb: 100 }] }],
    ['MAX size', { logical_disks: [{ raid_level: '5', size_gb: 'MAX', is_root_volume: true }] }],
    [
      'physical disks with a controller',
      {
        logical_disks: [
          { raid_level: '1', size_gb: 10, controller: 'c0', physical_disks: ['d0', 'd1'] },
        ],
      },
    ],
  ])('accepts %s', (_name, config) => {
    expect(() => validateRaidConfiguration(config)).not.toThrow()
  })

  it.each([
    ['no logical_disks', {}, "RAID config validation error: 'logical_disks' is a required property"],
    ['an empty list', { logical_disks: [] }, 'RAID config validation error: [] is too short'],
    [
      'a bad level',
      { logical_disks: [{ raid_level: '7', size_gb: 1 }] },
      "RAID config validation error: '7' is not one of ['JBOD', '0', '1', '2', '5', '6', '1+0', '5+0', '6+0']",
    ],
    [
      'a negative size',
      { logical_disks: [{ raid_level: '1', size_gb: -1 }] },
      'RAID config validation error: -1 is less than the minimum of 0',
    ],
    [
      'a size that is neither a number nor MAX',
      { logical_disks: [{ raid_level: '1', size_gb: 'x' }] },
      "RAID config validation error: 'x' is not one of ['MAX']",
    ],
    [
      'a size of the wrong type',
      { logical_disks: [{ raid_level: '1', size_gb: true }] },
      'RAID config validation error: True is not valid under any of the given schemas',
    ],
    [
      'no physical disk',
      { logical_disks: [{ raid_level: '1', size_gb: 1, number_of_physical_disks: 0 }] },
      '0 is less than or equal to the minimum of 0',
    ],
    [
      'an unknown key',
      { logical_disks: [{ raid_level: '1', size_gb: 1, x: 1 }] },
      "Additional properties are not allowed ('x' was unexpected)",
    ],
    [
      'physical disks without a controller',
      { logical_disks: [{ raid_level: '1', size_gb: 1, physical_disks: ['a'] }] },
      "'controller' is a dependency of 'physical_disks'",
    ],
    [
      'two root volumes',
      {
        logical_disks: [
          { raid_level: '1', size_gb: 1, is_root_volume: true },
          { raid_level: '1', size_gb: 1, is_root_volume: true },
        ],
      },
      'Raid config cannot have more than one root volume. 2 root volumes were specified',
    ],
  ])('rejects %s', (_name, config, message) => {
    expect(() => validateRaidConfiguration(config)).toThrow(InvalidParameterValueError)
    expect(() => validateRaidConfiguration(config)).toThrow(message)
  })
})

describe('logicalDiskProperties', () => {
  it('lists every logical disk property with its description', () => {
    const props = logicalDiskProperties()
    expect(Object.keys(props)).toHaveLength(10)
    expect(props['size_gb']).toMatch(/^Size in GiB \(Integer\)/)
  })
})
