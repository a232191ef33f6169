/**
 * @module The body of `PUT /v1/nodes/{node}/states/provision`: its arguments as Ironic's
 * `@args.validate` checks them, and the schemas of `clean_steps`, `deploy_steps` and
 * `service_steps` (`_STEPS_SCHEMA`, `_DEPLOY_STEPS_SCHEMA`), checked with jsonschema's messages.
 * Requests at ≤1.82 get Ironic 21.4's argument list and interface names, newer ones master's.
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { boolean, string, type ArgSpec, type ArgValidator } from '../node-misc/args.js'
import { pyStr } from '../../../common/python-repr.js'
import { errorText, validationError, type JsonSchema } from './jsonschema.js'

/** The last microversion Ironic 21.4 serves. */
export const IRONIC_21_4_MAX_MINOR = 82

const PY_TYPE: Readonly<Record<string, string>> = {
  null: 'NoneType',
  object: 'dict',
  string: 'str',
  array: 'list',
}

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** `args.types(...)`: the value's JSON type must be one of `types`. */
export function types(...allowed: readonly string[]): ArgValidator {
  return (name, value) => {
    if (allowed.includes(jsonType(value))) return value
    const list = allowed.map((t) => `<class '${PY_TYPE[t] ?? t}'>`).join(', ')
    throw new InvalidParameterValueError(`Expected types ${list} for ${name}: ${pyStr(value)}`)
  }
}

/** The handler's parameters after `node_ident`, in Ironic's order. */
export function provisionArgSpec(minor: number): ArgSpec[] {
  const spec: ArgSpec[] = [
    ['target', string, true],
    ['configdrive', types('null', 'object', 'string')],
    ['clean_steps', types('null', 'array')],
    ['deploy_steps', types('null', 'array')],
    ['rescue_password', string],
    ['disable_ramdisk', boolean],
  ]
  if (minor > IRONIC_21_4_MAX_MINOR) {
    spec.push(['service_steps', types('null', 'array')], ['runbook', types('null', 'string')])
  }
  return spec
}

const CLEAN_INTERFACES_21_4 = ['power', 'management', 'deploy', 'bios', 'raid']
const CLEAN_INTERFACES = ['vendor', 'power', 'management', 'firmware', 'deploy', 'bios', 'raid']

/** `DEPLOY_STEP_SCHEMA` (also the step schema of deploy templates). */
export function deployStepSchema(minor: number): JsonSchema {
  return {
    type: 'object',
    properties: {
      args: { type: 'object' },
      interface: {
        type: 'string',
        enum: minor > IRONIC_21_4_MAX_MINOR ? CLEAN_INTERFACES : CLEAN_INTERFACES_21_4,
      },
      priority: {
        anyOf: [
          { type: 'integer', minimum: 0 },
          { type: 'string', minLength: 1, pattern: '^[0-9]+$' },
        ],
      },
      step: { type: 'string', minLength: 1 },
    },
    required: ['interface', 'step', 'args', 'priority'],
    additionalProperties: false,
  }
}

function stepsSchema(minor: number): JsonSchema {
  const legacy = minor <= IRONIC_21_4_MAX_MINOR
  const properties: Record<string, JsonSchema> = {
    interface: {
      description: 'driver interface',
      enum: legacy ? CLEAN_INTERFACES_21_4 : CLEAN_INTERFACES,
    },
    step: { description: 'name of clean step', type: 'string', minLength: 1 },
    args: { description: 'additional args', type: 'object', properties: {} },
  }
  if (!legacy) {
    properties.order = {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', minLength: 1, pattern: '^[0-9]+$' },
      ],
    }
    properties.execute_on_child_nodes = {
      description: 'Boolean if the step should be executed on child nodes.',
      type: 'boolean',
    }
    properties.limit_child_node_execution = {
      description: 'List of nodes upon which to execute child node steps on.',
      type: 'array',
    }
  }
  const title = 'Steps schema'
  return {
    $schema: 'http://json-schema.org/schema#',
    title: legacy ? 'Clean steps schema' : title,
    type: 'array',
    items: {
      type: 'object',
      required: ['interface', 'step'],
      properties,
      additionalProperties: false,
    },
  }
}

/** Ironic's `_check_steps`: `Invalid <type>_steps: <jsonschema error>`. */
export function checkSteps(
  steps: unknown,
  kind: 'clean' | 'deploy' | 'service',
  minor: number,
): void {
  const schema: JsonSchema =
    kind === 'deploy'
      ? {
          $schema: 'http://json-schema.org/schema#',
          title: 'Deploy steps schema',
          type: 'array',
          items: deployStepSchema(minor),
        }
      : stepsSchema(minor)
  const e = validationError(schema, steps)
  if (e) throw new InvalidParameterValueError(`Invalid ${kind}_steps: ${errorText(e)}`)
  if (kind === 'deploy') return
  for (const step of steps as Record<string, unknown>[]) {
    const eocn = step.execute_on_child_nodes
    const children = step.limit_child_node_execution
    if (eocn && Array.isArray(children)) {
      if (children.some((c) => typeof c !== 'string' || !/^[0-9a-f-]{32,36}$/i.test(c))) {
        throw new InvalidParameterValueError(
          `Invalid entry detected for execute_on_child_node parameter in step ${String(step.step)}.`,
        )
      }
    }
  }
}
