/** @module The RAID configuration schema and its checks (Ironic `raid_config_schema.json`). */
import { Type, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { InvalidParameterValueError } from '../../common/errors.js'
import type { StepOutcome } from '../steps.js'
import type { ExclusiveTask, JsonObject } from '../types.js'
import type { CreateRaidOptions, RaidInterface } from './types.js'

const str = (description: string, values?: readonly string[]): TSchema =>
  values === undefined
    ? Type.String({ description })
    : Type.Union(
        values.map((v) => Type.Literal(v)),
        { description },
      )

const LOGICAL_DISK = Type.Object(
  {
    raid_level: str(
      "RAID level for the logical disk. Valid values are 'JBOD', '0', '1', '2', '5', '6', " +
        "'1+0', '5+0' and '6+0'. Required.",
      ['JBOD', '0', '1', '2', '5', '6', '1+0', '5+0', '6+0'],
    ),
    size_gb: Type.Union([Type.Integer({ minimum: 0 }), Type.Literal('MAX')], {
      description:
        "Size in GiB (Integer) for the logical disk. Use 'MAX' as size_gb if this logical disk " +
        'is supposed to use the rest of the space available. Required.',
    }),
    volume_name: Type.Optional(
      str(
        'Name of the volume to be created. If this is not specified, it will be ' +
          'auto-generated. Optional.',
      ),
    ),
    is_root_volume: Type.Optional(
      Type.Boolean({
        description:
          'Specifies whether this disk is a root volume. By default, this is False. ' + 'Optional.',
      }),
    ),
    share_physical_disks: Type.Optional(
      Type.Boolean({
        description:
          'Specifies whether other logical disks can share physical disks with this ' +
          'logical disk. By default, this is False. Optional.',
      }),
    ),
    disk_type: Type.Optional(
      str(
        "The type of disk preferred. Valid values are 'hdd' and 'ssd'. If this is not " +
          'specified, disk type will not be a selection criterion for choosing backing physical ' +
          'disks. Optional.',
        ['hdd', 'ssd'],
      ),
    ),
    interface_type: Type.Optional(
      str(
        "The interface type of disk. Valid values are 'sata', 'scsi' and 'sas'. If this is " +
          'not specified, interface type will not be a selection criterion for choosing backing ' +
          'physical disks. Optional.',
        ['sata', 'scsi', 'sas'],
      ),
    ),
    number_of_physical_disks: Type.Optional(
      Type.Integer({
        exclusiveMinimum: 0,
        description:
          'Number of physical disks to use for this logical disk. By default, the ' +
          'driver uses the minimum number of disks required for that RAID level. Optional.',
      }),
    ),
    controller: Type.Optional(
      str(
        'Controller to use for this logical disk. If not specified, the driver will choose a ' +
          'suitable RAID controller on the bare metal node. Optional.',
      ),
    ),
    physical_disks: Type.Optional(
      Type.Union([Type.Array(Type.String()), Type.Array(Type.Object({}), { minItems: 2 })], {
        description:
          'The physical disks to use for this logical disk. If not specified, the ' +
          'driver will choose suitable physical disks to use. Optional.',
      }),
    ),
  },
  { additionalProperties: false },
)

/** The schema of `target_raid_config` / `raid_config`. */
export const RAID_CONFIG_SCHEMA = Type.Object(
  { logical_disks: Type.Array(LOGICAL_DISK, { minItems: 1 }) },
  { additionalProperties: false },
)

/** Logical disk properties and descriptions, read from the schema (Ironic's `raid.py`). */
export function logicalDiskProperties(): Record<string, string> {
  const props = LOGICAL_DISK.properties as Record<string, TSchema>
  return Object.fromEntries(
    Object.entries(props).map(([name, schema]) => [name, String(schema['description'])]),
  )
}

/**
 * Check a RAID configuration against the schema and Ironic's extra rules (`physical_disks`
 * needs `controller`; at most one root volume). Throws `InvalidParameterValueError`.
 */
export function validateRaidConfiguration(config: JsonObject): void {
  const error = Value.Errors(RAID_CONFIG_SCHEMA, config).First()
  if (error !== undefined) {
    const where = error.path === '' ? '' : ` at ${error.path}`
    throw new InvalidParameterValueError(`RAID config validation error: ${error.message}${where}`)
  }
  const disks = config['logical_disks'] as ReadonlyArray<Record<string, unknown>>
  disks.forEach((disk, i) => {
    if (disk['physical_disks'] !== undefined && disk['controller'] === undefined) {
      throw new InvalidParameterValueError(
        `RAID config validation error: 'controller' is a dependency of 'physical_disks' ` +
          `at /logical_disks/${i}`,
      )
    }
  })
  const roots = disks.filter((d) => d['is_root_volume'] === true).length
  if (roots > 1) {
    throw new InvalidParameterValueError(
      `Raid config cannot have more than one root volume. ${roots} root volumes were specified`,
    )
  }
}

/**
 * Apply `config` with `raid`: validate it, make it the node's `target_raid_config`, then create
 * it (Ironic's concrete `RAIDInterface.apply_configuration`).
 */
export async function applyRaidConfiguration(
  raid: RaidInterface,
  task: ExclusiveTask,
  config: JsonObject,
  opts: CreateRaidOptions = {},
): Promise<StepOutcome> {
  await raid.validateRaidConfig(task, config)
  task.updateNode({ target_raid_config: config })
  return raid.createConfiguration(task, { deleteExisting: true, ...opts })
}
