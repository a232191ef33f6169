import { describe, expect, it } from 'vitest'
import { pformat } from '../../src/api/routes/node-provision/pprint.js'
import {
  argsSchemaMessage,
  errorText,
  validationError,
} from '../../src/api/routes/node-provision/jsonschema.js'

describe('pformat (Python pprint)', () => {
  it('splits long strings inside containers without parentheses', () => {
    const value = {
      properties: {
        execute_on_child_nodes: {
          description: 'Boolean if the step should be executed on child nodes.',
          type: 'boolean',
        },
        limit_child_node_execution: {
          description: 'List of nodes upon which to execute child node steps on.',
          type: 'array',
        },
      },
    }
    // Expected text produced by CPython 3.11 pprint.pformat(value, width=72).
    expect(pformat(value, 72)).toBe(
      "{'properties': {'execute_on_child_nodes': {'description': 'Boolean if '\n                                                          'the step '\n                                                          'should be '\n                                                          'executed on '\n                                                          'child '\n                                                          'nodes.',\n                                           'type': 'boolean'},\n                'limit_child_node_execution': {'description': 'List of '\n                                                              'nodes '\n                                                              'upon '\n                                                              'which '\n                                                              'to '\n                                                              'execute '\n                                                              'child '\n                                                              'node '\n                                                              'steps '\n                                                              'on.',\n                                               'type': 'array'}}}",
    )
  })

  it('wraps a long top-level string in parentheses and breaks lists', () => {
    expect(
      pformat(
        'a very long string that will need to be split across several lines because it is long',
        40,
      ),
    ).toBe(
      "('a very long string that will need to '\n 'be split across several lines '\n 'because it is long')",
    )
    expect(pformat([1, 2, { a: 'x'.repeat(60), b: [1, 2, 3] }], 30)).toBe(
      `[1,\n 2,\n {'a': '${'x'.repeat(60)}',\n  'b': [1, 2, 3]}]`,
    )
  })
})

describe('jsonschema errors', () => {
  const priority = {
    anyOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', minLength: 1, pattern: '^[0-9]+$' },
    ],
  }

  it('descends into anyOf to the best match, with paths relative to it', () => {
    const e = validationError(
      { type: 'array', items: { type: 'object', properties: { priority } } },
      [{ priority: 'a' }],
    )!
    expect(errorText(e)).toBe(
      "'a' does not match '^[0-9]+$'\n\nFailed validating 'pattern' in schema[1]:\n    {'minLength': 1, 'pattern': '^[0-9]+$', 'type': 'string'}\n\nOn instance:\n    'a'",
    )
  })

  it('keeps anyOf when its branches tie, and names a root cause', () => {
    const e = validationError({ anyOf: [{ pattern: '^CUSTOM_' }, { enum: ['A'] }] }, 'foo')!
    expect(argsSchemaMessage('x', e)).toBe(
      "Schema error for x: 'foo' is not valid under any of the given schemas. Possible root cause: 'foo' does not match '^CUSTOM_'",
    )
  })

  it('prefers the shallowest error', () => {
    const schema = { type: 'object', required: ['a'], properties: { b: { type: 'string' } } }
    expect(validationError(schema, { b: 1 })?.message).toBe("'a' is a required property")
    expect(validationError(schema, { a: 1, b: 'x' })).toBeUndefined()
  })
})
