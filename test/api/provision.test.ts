import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { FakeDeploy } from '../../src/drivers/deploy/fake.js'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import {
  act,
  addTrait,
  createNode,
  getNode,
  historyOf,
  nodeIn,
  provision,
  setColumns,
  settle,
} from '../conductor/helpers.js'

describe.each(dialects())('PUT /v1/nodes/{node}/states/provision on %s', (dialect) => {
  let t: TestAnvil
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('answers 202 with the Location of the node states, as given in the path', async () => {
    await createNode(t, { name: 'loc-1' })
    const r = await provision(t, 'loc-1', { target: 'manage' })
    expect(r.status).toBe(202)
    expect(r.text).toBe('')
    expect(r.headers.location).toBe('http://localhost:80/v1/nodes/loc-1/states')
    await settle(t, 'loc-1')
  })

  it.each([
    {
      name: 'manage verifies an enrolled node',
      from: 'enroll',
      body: { target: 'manage' },
      to: 'manageable',
    },
    {
      name: 'provide cleans a manageable node',
      from: 'manageable',
      body: { target: 'provide' },
      to: 'available',
    },
    {
      name: 'inspect inspects a manageable node',
      from: 'manageable',
      body: { target: 'inspect' },
      to: 'manageable',
    },
    {
      name: 'adopt takes over a manageable node',
      from: 'manageable',
      body: { target: 'adopt' },
      to: 'active',
    },
    {
      name: 'active deploys an available node',
      from: 'available',
      body: { target: 'active' },
      to: 'active',
    },
    { name: 'deploy deploys (1.73)', from: 'available', body: { target: 'deploy' }, to: 'active' },
    {
      name: 'manage takes an available node back',
      from: 'available',
      body: { target: 'manage' },
      to: 'manageable',
    },
    {
      name: 'rebuild redeploys an active node',
      from: 'active',
      body: { target: 'rebuild' },
      to: 'active',
    },
    {
      name: 'deleted tears down and cleans',
      from: 'active',
      body: { target: 'deleted' },
      to: 'available',
    },
    {
      name: 'undeploy tears down (1.73)',
      from: 'active',
      body: { target: 'undeploy' },
      to: 'available',
    },
    {
      name: 'clean runs manual clean steps',
      from: 'manageable',
      body: { target: 'clean', clean_steps: [{ interface: 'bios', step: 'factory_reset' }] },
      to: 'manageable',
    },
    {
      name: 'service runs service steps (1.87)',
      from: 'active',
      body: {
        target: 'service',
        service_steps: [{ interface: 'vendor', step: 'log_passthrough' }],
      },
      to: 'active',
    },
    {
      name: 'rescue boots the rescue ramdisk',
      from: 'active',
      body: { target: 'rescue', rescue_password: 'pw' },
      to: 'rescue',
    },
  ] as const)('$name', async ({ from, body, to }) => {
    const uuid = await nodeIn(t, from)
    const node = await act(t, uuid, body)
    expect(node.provision_state).toBe(to)
    expect(node.last_error).toBeNull()
  })

  it('unrescue returns to active; the fake rescue keeps the password, as in Ironic', async () => {
    const uuid = await nodeIn(t, 'active')
    const rescued = await act(t, uuid, { target: 'rescue', rescue_password: 'pw' })
    const secret = { rescue_password: '******', hashed_rescue_password: '******' }
    expect(rescued.instance_info).toEqual(secret)
    const node = await act(t, uuid, { target: 'unrescue' })
    expect(node.provision_state).toBe('active')
    expect(node.instance_info).toEqual(secret)
  })

  it('runs the automated clean steps of the interfaces on provide, and records the flow', async () => {
    const uuid = await nodeIn(t, 'manageable')
    const node = await act(t, uuid, { target: 'provide' })
    expect(node.driver_internal_info).toEqual({ clean_steps: null })
    expect(node.clean_step).toEqual({})
    const events = (await historyOf(t, uuid)).map((e) => e.event)
    expect(
      events.some((e) =>
        e.startsWith("Starting automated cleaning with steps=[{'step': 'log_passthrough'"),
      ),
    ).toBe(true)
    expect(events.some((e) => e.startsWith('Automated Cleaning completed successfully'))).toBe(true)
  })

  it('goes straight to available when the node opts out of automated cleaning', async () => {
    const uuid = await nodeIn(t, 'manageable', { automated_clean: false })
    const node = await act(t, uuid, { target: 'provide' })
    expect(node.provision_state).toBe('available')
    expect(node.driver_internal_info).toEqual({})
    expect(await historyOf(t, uuid)).toEqual([])
  })

  it('stores the configdrive and clears the instance on undeploy', async () => {
    const uuid = await nodeIn(t, 'available')
    await t.request({
      method: 'PATCH',
      url: `/v1/nodes/${uuid}`,
      body: [{ op: 'add', path: '/instance_info/image_source', value: 'http://x/img' }],
    })
    const node = await act(t, uuid, { target: 'active', configdrive: 'aGVsbG8=' })
    expect(node.instance_info).toEqual({ image_source: 'http://x/img', configdrive: '******' })
    expect(node.driver_internal_info).toEqual({ clean_steps: null, deploy_steps: null })
    expect(node.deploy_step).toEqual({})
    const down = await act(t, uuid, { target: 'deleted' })
    expect(down.instance_info).toEqual({})
    expect(down.instance_uuid).toBeNull()
  })

  it('runs the steps of a deploy template named by an instance trait', async () => {
    const tpl = await t.request({
      method: 'POST',
      url: '/v1/deploy_templates',
      body: {
        name: 'CUSTOM_POWERED',
        steps: [{ interface: 'power', step: 'power_on', args: {}, priority: 90 }],
      },
    })
    expect(tpl.status).toBe(201)
    const uuid = await nodeIn(t, 'available')
    await addTrait(t, uuid, 'CUSTOM_POWERED')
    await t.request({
      method: 'PATCH',
      url: `/v1/nodes/${uuid}`,
      body: [{ op: 'add', path: '/instance_info/traits', value: ['CUSTOM_POWERED'] }],
    })
    expect((await getNode(t, uuid)).power_state).toBeNull()
    const node = await act(t, uuid, { target: 'active' })
    expect(node.provision_state).toBe('active')
    expect(node.power_state).toBe('power on')
    const started = (await historyOf(t, uuid)).find((e) =>
      e.event.startsWith('Starting deployment'),
    )
    expect(started?.event).toBe(
      "Starting deployment with steps=[{'step': 'deploy', 'priority': 100, 'abortable': True, 'argsinfo': None, " +
        "'interface': 'deploy'}, {'interface': 'power', 'step': 'power_on', 'args': {}, 'priority': 90}]",
    )
  })

  it('refuses instance traits the node does not have', async () => {
    const uuid = await nodeIn(t, 'available')
    await t.request({
      method: 'PATCH',
      url: `/v1/nodes/${uuid}`,
      body: [{ op: 'add', path: '/instance_info/traits', value: ['CUSTOM_NOPE'] }],
    })
    const r = await provision(t, uuid, { target: 'active' })
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe(
      `Failed to validate deploy or power info for node ${uuid}: Cannot specify instance traits that are not ` +
        `also set on the node. Node ${uuid} is missing traits CUSTOM_NOPE`,
    )
    expect((await getNode(t, uuid)).provision_state).toBe('available')
  })

  it('fails a deployment whose step fails, with Ironic wording', async () => {
    const uuid = await nodeIn(t, 'available')
    vi.spyOn(FakeDeploy.prototype, 'deploy').mockRejectedValue(new Error('disk on fire'))
    expect((await provision(t, uuid, { target: 'active' })).status).toBe(202)
    const node = await settle(t, uuid, (n) => n.provision_state === 'deploy failed')
    expect(node.provision_state).toBe('deploy failed')
    expect(node.last_error).toBe('Deploy step deploy.deploy failed with Error: disk on fire.')
    expect(node.deploy_step).toEqual({})
    const events = await historyOf(t, uuid)
    expect(events.at(-1)).toMatchObject({
      severity: 'ERROR',
      event: 'Deploy step deploy.deploy failed with Error: disk on fire.',
    })
  })

  it('fails cleaning on a failing step: clean failed, maintenance, fault', async () => {
    const uuid = await nodeIn(t, 'manageable')
    const r = await provision(t, uuid, {
      target: 'clean',
      clean_steps: [{ interface: 'bios', step: 'apply_configuration', args: { settings: 'x' } }],
    })
    expect(r.status).toBe(202)
    const node = await settle(t, uuid, (n) => n.provision_state === 'clean failed')
    const step =
      "{'interface': 'bios', 'step': 'apply_configuration', 'args': {'settings': 'x'}, 'abortable': False, 'priority': 0}"
    expect(node.last_error).toMatch(
      new RegExp(`^Node ${uuid} failed step ${step.replace(/[{}()[\]]/g, '\\$&')}: `),
    )
    expect(node).toMatchObject({
      target_provision_state: 'manageable',
      maintenance: true,
      fault: 'clean failure',
    })
    expect(node.maintenance_reason).toBe(node.last_error)
  })

  it('fails manual cleaning with a step the node does not have', async () => {
    const uuid = await nodeIn(t, 'manageable')
    await provision(t, uuid, {
      target: 'clean',
      clean_steps: [{ interface: 'bios', step: 'nope' }],
    })
    const node = await settle(t, uuid, (n) => n.provision_state === 'clean failed')
    expect(node.last_error).toBe(
      `Cannot clean node ${uuid}: node does not support this clean step: {'interface': 'bios', 'step': 'nope'}`,
    )
    expect(node.maintenance).toBe(false)
  })

  it('holds cleaning on a hold step, unholds, continues, and aborts', async () => {
    const uuid = await nodeIn(t, 'manageable')
    const steps = [
      { interface: 'deploy', step: 'hold' },
      { interface: 'power', step: 'power_on' },
    ]
    await provision(t, uuid, { target: 'clean', clean_steps: steps })
    let node = await settle(t, uuid, (n) => n.provision_state === 'clean hold')
    expect(node.target_provision_state).toBe('manageable')
    expect(node.clean_step).toEqual({ interface: 'deploy', step: 'hold', abortable: true })
    expect((await provision(t, uuid, { target: 'unhold' }, '1.84')).status).toBe(406)
    expect((await provision(t, uuid, { target: 'unhold' })).status).toBe(202)
    node = await settle(t, uuid, (n) => n.provision_state === 'clean wait')
    await t.anvil.conductor!.call('continue_node_clean', { node_id: uuid })
    node = await settle(t, uuid)
    expect(node).toMatchObject({
      provision_state: 'manageable',
      power_state: 'power on',
      clean_step: {},
    })

    await provision(t, uuid, {
      target: 'clean',
      clean_steps: [{ interface: 'deploy', step: 'hold' }],
    })
    await settle(t, uuid, (n) => n.provision_state === 'clean hold')
    expect((await provision(t, uuid, { target: 'abort' })).status).toBe(202)
    node = await settle(t, uuid, (n) => n.provision_state === 'clean failed')
    expect(node.last_error).toBe(
      'By request, the clean operation was aborted during or after the completion of step "deploy.hold"',
    )
  })

  it('aborts a deployment waiting for its agent only from 1.110', async () => {
    const uuid = await nodeIn(t, 'available')
    await setColumns(t, uuid, {
      provision_state: 'wait call-back',
      target_provision_state: 'active',
    })
    expect((await provision(t, uuid, { target: 'abort' }, '1.109')).status).toBe(406)
    expect((await provision(t, uuid, { target: 'abort' }, '1.110')).status).toBe(202)
    const node = await settle(t, uuid, (n) => n.provision_state === 'deploy failed')
    expect(node.last_error).toBe('By request, the deploy operation was aborted')
  })

  it('aborts a rescue waiting for its ramdisk', async () => {
    const uuid = await nodeIn(t, 'active')
    await setColumns(t, uuid, { provision_state: 'rescue wait', target_provision_state: 'rescue' })
    expect((await provision(t, uuid, { target: 'abort' })).status).toBe(202)
    const node = await settle(t, uuid, (n) => n.provision_state === 'rescue failed')
    expect(node.last_error).toBeNull()
  })

  it('parks servicing in service wait for an asynchronous step', async () => {
    const uuid = await nodeIn(t, 'active')
    await provision(t, uuid, {
      target: 'service',
      service_steps: [{ interface: 'vendor', step: 'trigger_servicewait' }],
    })
    const node = await settle(t, uuid, (n) => n.provision_state === 'service wait')
    expect(node.service_step).toMatchObject({ interface: 'vendor', step: 'trigger_servicewait' })
  })

  describe('refuses', () => {
    let enrolled: string
    let active: string
    beforeAll(async () => {
      enrolled = await nodeIn(t, 'enroll', { name: 'refused-enroll' })
      active = await nodeIn(t, 'active', { name: 'refused-active' })
    })

    it.each([
      [
        'a verb the state does not allow',
        'enroll',
        { target: 'provide' },
        400,
        'The requested action "provide" can not be performed on node "<uuid>" while it is in state "enroll".',
      ],
      [
        'an unknown verb',
        'enroll',
        { target: 'bogus' },
        400,
        'The requested action "bogus" can not be performed on node "<uuid>" while it is in state "enroll".',
      ],
      [
        'a null target',
        'enroll',
        { target: null },
        400,
        'The requested action "None" can not be performed on node "<uuid>" while it is in state "enroll".',
      ],
      ['a missing target', 'enroll', {}, 400, 'Missing mandatory parameter: target'],
      [
        'an unknown argument',
        'enroll',
        { target: 'manage', foo: 1 },
        400,
        'Unexpected arguments: foo',
      ],
      [
        'a target that is not a string',
        'enroll',
        { target: 5 },
        400,
        'Expected string for target: 5',
      ],
      [
        'a bad configdrive type',
        'enroll',
        { target: 'manage', configdrive: 5 },
        400,
        "Expected types <class 'NoneType'>, <class 'dict'>, <class 'str'> for configdrive: 5",
      ],
      [
        'a bad disable_ramdisk',
        'enroll',
        { target: 'manage', disable_ramdisk: 'x' },
        400,
        "Invalid disable_ramdisk: Unrecognized value 'x', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
      ],
      [
        'deploy before 1.73',
        'active',
        { target: 'deploy' },
        406,
        'Request not acceptable.',
        '1.72',
      ],
      ['manage before 1.4', 'enroll', { target: 'manage' }, 406, 'Request not acceptable.', '1.3'],
      [
        'service before 1.87',
        'active',
        { target: 'service', service_steps: [{ interface: 'vendor', step: 'x' }] },
        406,
        'Request not acceptable.',
        '1.86',
      ],
      [
        'clean without clean_steps',
        'active',
        { target: 'clean' },
        400,
        'The requested action "clean" can not be performed on node "<uuid>" while it is in state "active".',
      ],
      [
        'rescue without a password',
        'active',
        { target: 'rescue' },
        400,
        'A non-empty "rescue_password" is required when setting target provision state to rescue',
      ],
      [
        'rescue with a blank password',
        'active',
        { target: 'rescue', rescue_password: '  ' },
        400,
        'A non-empty "rescue_password" is required when setting target provision state to rescue',
      ],
      [
        'a rescue_password with another verb',
        'active',
        { target: 'rebuild', rescue_password: 'x' },
        400,
        '"rescue_password" is only valid when setting target provision state to rescue',
      ],
      [
        'clean_steps with another verb',
        'active',
        { target: 'rebuild', clean_steps: [{ interface: 'bios', step: 'x' }] },
        400,
        '"clean_steps" is only valid when setting target provision state to clean',
      ],
      [
        'a configdrive with another verb',
        'enroll',
        { target: 'manage', configdrive: 'x' },
        400,
        'Adding a config drive is only supported when setting provision state to active, rebuild',
      ],
      [
        'deploy_steps with another verb',
        'enroll',
        { target: 'manage', deploy_steps: [{ interface: 'bios' }] },
        400,
        '"deploy_steps" is only valid when setting target provision state to active or rebuild',
      ],
      [
        'deploy_steps before 1.69',
        'active',
        { target: 'rebuild', deploy_steps: [{ interface: 'bios' }] },
        406,
        'Request not acceptable. The minimal required API version should be 1.69',
        '1.68',
      ],
      [
        'disable_ramdisk with another verb',
        'enroll',
        { target: 'manage', disable_ramdisk: true },
        400,
        'disable_ramdisk is supported only with manual cleaning or servicing',
      ],
      [
        'service without service_steps',
        'active',
        { target: 'service' },
        400,
        '"service_steps" is required when setting target provision state to service',
      ],
      [
        'service_steps with another verb',
        'active',
        { target: 'rebuild', service_steps: [{ interface: 'vendor', step: 'x' }] },
        400,
        '"service_steps" is only valid when setting target provision state to service',
      ],
      [
        'service_steps at 1.82',
        'active',
        { target: 'service', service_steps: [] },
        400,
        'Unexpected arguments: service_steps',
        '1.82',
      ],
      [
        'a runbook before 1.92',
        'active',
        { target: 'service', runbook: 'rb' },
        406,
        'Request not acceptable.',
        '1.91',
      ],
      [
        'an unknown runbook',
        'active',
        { target: 'service', runbook: 'rb' },
        404,
        'Runbook rb could not be found.',
      ],
      [
        'bad deploy steps',
        'active',
        {
          target: 'rebuild',
          deploy_steps: [{ interface: 'deploy', step: 'deploy', args: {}, priority: -3 }],
        },
        400,
        "Invalid deploy_steps: -3 is less than the minimum of 0\n\nFailed validating 'minimum' in schema[0]:\n" +
          "    {'minimum': 0, 'type': 'integer'}\n\nOn instance:\n    -3",
      ],
      [
        'a core deploy step overridden',
        'active',
        {
          target: 'rebuild',
          deploy_steps: [{ interface: 'deploy', step: 'deploy', args: {}, priority: 9 }],
        },
        400,
        'Failed to validate deploy or power info for node <uuid>: Validation of deploy steps from "deploy steps" argument ' +
          'failed.deploy step deploy on interface deploy is a core step and cannot be overridden by user steps. It may ' +
          'be disabled by setting the priority to 0',
      ],
    ] as const)('%s', async (_name, which, body, status, message, version?: string) => {
      const uuid = which === 'enroll' ? enrolled : active
      const r = await provision(t, uuid, body, version ?? 'latest')
      expect(r.status).toBe(status)
      expect(faultOf(r.body)).toBe(message.replaceAll('<uuid>', uuid))
    })

    it('gives the 21.4 schema errors of clean steps at 1.82', async () => {
      const uuid = await nodeIn(t, 'manageable')
      const r = await provision(t, uuid, { target: 'clean', clean_steps: [{ step: 'x' }] }, '1.82')
      expect(r.status).toBe(400)
      expect(faultOf(r.body)).toBe(
        "Invalid clean_steps: 'interface' is a required property\n\nFailed validating 'required' in schema['items']:\n    {'additionalProperties': False,\n     'properties': {'args': {'description': 'additional args',\n                             'properties': {},\n                             'type': 'object'},\n                    'interface': {'description': 'driver interface',\n                                  'enum': ['power',\n                                           'management',\n                                           'deploy',\n                                           'bios',\n                                           'raid']},\n                    'step': {'description': 'name of clean step',\n                             'minLength': 1,\n                             'type': 'string'}},\n     'required': ['interface', 'step'],\n     'type': 'object'}\n\nOn instance[0]:\n    {'step': 'x'}",
      )
      const e = await provision(
        t,
        uuid,
        { target: 'clean', clean_steps: [{ interface: 'foo', step: 'x' }] },
        '1.82',
      )
      expect(faultOf(e.body)).toBe(
        "Invalid clean_steps: 'foo' is not one of ['power', 'management', 'deploy', 'bios', 'raid']\n\nFailed validating 'enum' in schema['items']['properties']['interface']:\n    {'description': 'driver interface',\n     'enum': ['power', 'management', 'deploy', 'bios', 'raid']}\n\nOn instance[0]['interface']:\n    'foo'",
      )
    })

    it('checks the path: a bad ident, then an unknown node', async () => {
      const bad = await provision(t, 'bad%20name', { target: 'manage' })
      expect(faultOf(bad.body)).toBe('Expected UUID or name for node_ident: bad name')
      const missing = await provision(t, 'nonexist', { target: 'manage' })
      expect(missing.status).toBe(404)
      expect(faultOf(missing.body)).toBe('Node nonexist could not be found.')
    })

    it('refuses to provision a node in maintenance', async () => {
      const uuid = await nodeIn(t, 'available')
      await setColumns(t, uuid, { maintenance: 1 })
      const r = await provision(t, uuid, { target: 'active' })
      expect(r.status).toBe(400)
      expect(faultOf(r.body)).toBe(
        `The provisioning operation can't be performed on node ${uuid} because it's in maintenance mode.`,
      )
      const deploy = await provision(t, uuid, { target: 'deploy' })
      expect(faultOf(deploy.body)).toBe(faultOf(r.body))
    })

    it('refuses to undeploy or rebuild a protected node with 403', async () => {
      const uuid = await nodeIn(t, 'active')
      await setColumns(t, uuid, { protected: 1 })
      for (const target of ['deleted', 'rebuild']) {
        const r = await provision(t, uuid, { target })
        expect(r.status).toBe(403)
        expect(faultOf(r.body)).toBe(
          `Node ${uuid} is protected and cannot be undeployed, rebuilt or deleted`,
        )
      }
    })

    it('answers 409 for a locked node, at once when the verb is not allowed either', async () => {
      const uuid = await nodeIn(t, 'enroll')
      await setColumns(t, uuid, { reservation: 'other-host' })
      const msg = `Node ${uuid} is locked by host other-host, please retry after the current operation is completed.`
      const wrong = await provision(t, uuid, { target: 'provide' })
      expect(wrong.status).toBe(409)
      expect(faultOf(wrong.body)).toBe(msg)
      const right = await provision(t, uuid, { target: 'manage' })
      expect(right.status).toBe(409)
      expect(faultOf(right.body)).toBe(msg)
      expect((await getNode(t, uuid)).provision_state).toBe('enroll')
      await setColumns(t, uuid, { reservation: null })
    })
  })
})
