/**
 * @module Node power and management commands: power on/off, reboot, boot device, boot mode,
 * secure boot, NMI, maintenance and console.
 */
import type { Command } from 'commander'
import { UsageError } from '../errors.js'
import { defineCommand, group, intOption, type ActionContext } from '../command.js'
import { powerWait, waitForNodes } from '../wait.js'
import { nodePath } from './node-crud.js'
import { waitValue } from './node-provision.js'

const BOOT_DEVICES = ['pxe', 'disk', 'cdrom', 'bios', 'safe', 'wanboot']

function powerOptions(cmd: Command, soft: boolean): void {
  if (soft) cmd.option('--soft', 'request a graceful (soft) power action')
  cmd
    .option('--power-timeout <seconds>', 'timeout for the power action on the conductor', intOption('--power-timeout', 1))
    .option('--wait [timeout]', 'wait until the power action is done (timeout in seconds, 0 = forever)', waitValue)
}

async function power(ctx: ActionContext, idents: string[], action: 'on' | 'off' | 'reboot'): Promise<void> {
  const soft = ctx.opts.soft === true
  const target = {
    on: 'power on',
    off: soft ? 'soft power off' : 'power off',
    reboot: soft ? 'soft rebooting' : 'rebooting',
  }[action]
  const body: Record<string, unknown> = { target }
  if (typeof ctx.opts.powerTimeout === 'number') body.timeout = ctx.opts.powerTimeout
  for (const id of idents) await ctx.client().put(nodePath(id, '/states/power'), body)
  const timeout = ctx.opts.wait
  if (timeout === undefined) return
  const expected = action === 'off' ? 'power off' : 'power on'
  await waitForNodes(ctx.client(), idents, powerWait(expected), timeout === true ? 0 : Number(timeout))
}

function registerPower(node: Command): void {
  const pwr = group(node, 'power', 'Power a node on or off, or reboot it')
  for (const action of ['on', 'off', 'reboot'] as const) {
    defineCommand(pwr, {
      name: action,
      summary: action === 'reboot' ? 'Reboot baremetal node' : `Power ${action} a node`,
      examples: [`anvil node power ${action} node-0${action === 'on' ? '' : ' --soft'} --wait 60`],
      args: ['<node...>'],
      options: (cmd) => powerOptions(cmd, action !== 'on'),
      action: (ctx, [ids]) => power(ctx, ids as string[], action),
    })
  }
  defineCommand(node, {
    name: 'reboot',
    summary: 'Reboot baremetal node',
    examples: ['anvil node reboot node-0 --soft --power-timeout 60'],
    args: ['<node...>'],
    options: (cmd) => powerOptions(cmd, true),
    action: (ctx, [ids]) => power(ctx, ids as string[], 'reboot'),
  })
}

function registerBoot(node: Command): void {
  const boot = group(node, 'boot', 'Boot device and boot mode of a node')
  const device = group(boot, 'device', 'Boot device of a node')
  defineCommand(device, {
    name: 'set',
    summary: 'Set the boot device for a node',
    examples: ['anvil node boot device set node-0 pxe --persistent'],
    args: ['<node...>'],
    options: (cmd) => cmd.option('--persistent', 'make the boot device change persistent'),
    action: async (ctx, [ids]) => {
      const list = [...(ids as string[])]
      const dev = list.pop()
      if (list.length === 0 || dev === undefined) throw new UsageError('missing required argument <device>')
      if (!BOOT_DEVICES.includes(dev)) {
        throw new UsageError(`invalid boot device '${dev}' (choose from ${BOOT_DEVICES.join(', ')})`)
      }
      for (const id of list) {
        await ctx.client().put(nodePath(id, '/management/boot_device'), { boot_device: dev, persistent: ctx.opts.persistent === true })
      }
    },
  }).usage(`[options] <node...> <device>   (device: ${BOOT_DEVICES.join(', ')})`)
  defineCommand(device, {
    name: 'show',
    summary: 'Show the boot device information for a node',
    examples: ['anvil node boot device show node-0', 'anvil node boot device show node-0 --supported'],
    args: ['<node>'],
    output: 'one',
    options: (cmd) => cmd.option('--supported', 'show the supported boot devices'),
    action: async (ctx, [id]) => {
      const supported = ctx.opts.supported === true
      const info = await ctx.client().get(nodePath(id as string, `/management/boot_device${supported ? '/supported' : ''}`))
      if (supported) info.supported_boot_devices = ((info.supported_boot_devices as string[] | undefined) ?? []).join(', ')
      const keys = Object.keys(info).sort()
      ctx.one(keys, keys.map((k) => info[k]))
    },
  })
  const mode = group(boot, 'mode', 'Boot mode of a node')
  defineCommand(mode, {
    name: 'set',
    summary: 'Set the boot mode for the next baremetal node deployment',
    examples: ['anvil node boot mode set node-0 uefi'],
    args: ['<node...>'],
    action: async (ctx, [ids]) => {
      const list = [...(ids as string[])]
      const m = list.pop()
      if (list.length === 0 || m === undefined) throw new UsageError('missing required argument <boot_mode>')
      if (m !== 'uefi' && m !== 'bios') throw new UsageError(`invalid boot mode '${m}' (choose from uefi, bios)`)
      for (const id of list) await ctx.client().put(nodePath(id, '/states/boot_mode'), { target: m })
    },
  }).usage('[options] <node...> <boot_mode>   (boot_mode: uefi, bios)')
}

function registerToggles(node: Command): void {
  const sb = group(node, 'secure', 'Secure boot of a node')
  const sbBoot = group(sb, 'boot', 'Turn secure boot on or off')
  for (const on of [true, false]) {
    defineCommand(sbBoot, {
      name: on ? 'on' : 'off',
      summary: `Turn secure boot ${on ? 'on' : 'off'}`,
      examples: [`anvil node secure boot ${on ? 'on' : 'off'} node-0`],
      args: ['<node...>'],
      action: async (ctx, [ids]) => {
        for (const id of ids as string[]) await ctx.client().put(nodePath(id, '/states/secure_boot'), { target: on })
      },
    })
  }
  defineCommand(node, {
    name: 'inject-nmi',
    summary: 'Inject NMI to baremetal node',
    examples: ['anvil node inject-nmi node-0'],
    args: ['<node...>'],
    action: async (ctx, [ids]) => {
      for (const id of ids as string[]) await ctx.client().put(nodePath(id, '/management/inject_nmi'), {})
    },
  })
  const maint = group(node, 'maintenance', 'Maintenance mode of a node')
  defineCommand(maint, {
    name: 'set',
    summary: 'Set baremetal node to maintenance mode',
    examples: ['anvil node maintenance set node-0 --reason "replacing a disk"'],
    args: ['<node...>'],
    options: (cmd) => cmd.option('--reason <reason>', 'reason for setting maintenance mode'),
    action: async (ctx, [ids]) => {
      const body = typeof ctx.opts.reason === 'string' ? { reason: ctx.opts.reason } : {}
      for (const id of ids as string[]) await ctx.client().put(nodePath(id, '/maintenance'), body)
    },
  })
  defineCommand(maint, {
    name: 'unset',
    summary: 'Unset baremetal node from maintenance mode',
    examples: ['anvil node maintenance unset node-0'],
    args: ['<node...>'],
    action: async (ctx, [ids]) => {
      for (const id of ids as string[]) await ctx.client().delete(nodePath(id, '/maintenance'))
    },
  })
}

function registerConsole(node: Command): void {
  const con = group(node, 'console', 'Serial console of a node')
  for (const enabled of [true, false]) {
    defineCommand(con, {
      name: enabled ? 'enable' : 'disable',
      summary: `${enabled ? 'Enable' : 'Disable'} console access for a node`,
      examples: [`anvil node console ${enabled ? 'enable' : 'disable'} node-0`],
      args: ['<node...>'],
      action: async (ctx, [ids]) => {
        for (const id of ids as string[]) await ctx.client().put(nodePath(id, '/states/console'), { enabled })
      },
    })
  }
  defineCommand(con, {
    name: 'show',
    summary: 'Show console information for a node',
    examples: ['anvil node console show node-0 -f json'],
    args: ['<node>'],
    output: 'one',
    action: async (ctx, [id]) => {
      const info = await ctx.client().get(nodePath(id as string, '/states/console'))
      const keys = Object.keys(info).sort()
      ctx.one(keys, keys.map((k) => info[k]))
    },
  })
}

/** Registers the power and management commands on `node`. */
export function registerNodePower(node: Command): void {
  registerPower(node)
  registerBoot(node)
  registerToggles(node)
  registerConsole(node)
}

