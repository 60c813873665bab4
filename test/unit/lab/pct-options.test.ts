// The pct SIMULATOR's command-line handling against the real PVE schema: the same options, values
// and error texts as pct (PVE::JSONSchema::get_options + validate + PVE::Exception).
import { describe, expect, it } from 'vitest';
import { cliEntry, cliProperties, endpointByTemplate, loadApiSchema, shortUsage } from '../../lab/sim/lib/api-schema.mjs';
import { parseCommandLine } from '../../lab/sim/lib/getopt.mjs';
import { PveError, paramError } from '../../lab/sim/lib/pve-error.mjs';
import { validateParams } from '../../lab/sim/lib/validate.mjs';

const TEMPLATE = 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst';

/** Parses and validates "pct <command> …" like the simulator does; returns the error text pct prints. */
function pct(argv: string[], version: '8' | '9' = '9'): { params?: Record<string, unknown>; error?: string } {
  const api = loadApiSchema({ version });
  const [command, ...rest] = argv;
  const entry = cliEntry(api, command as string);
  if (!entry) throw new Error(`no pct ${command}`);
  const [method, template] = entry.api.split(' ') as [string, string];
  const apiProperties = endpointByTemplate(api, method, template).parameters.properties ?? {};
  const { properties, cliOnly } = cliProperties(api, entry);
  try {
    const params = parseCommandLine(rest, { properties, positional: entry.positional, fixed: { node: 'pve' } });
    const apiParams = Object.fromEntries(Object.entries(params).filter(([k]) => !cliOnly.includes(k)));
    const errors = validateParams(apiProperties, apiParams);
    if (Object.keys(errors).length > 0) throw paramError(errors);
    return { params };
  } catch (err) {
    if (!(err instanceof PveError)) throw err;
    if (err.isParamError()) err.usage = shortUsage(entry);
    return { error: err.render() };
  }
}

describe('pct create options', () => {
  it('accepts a typical create with property strings and booleans', () => {
    const { params, error } = pct([
      'create', '120', TEMPLATE, '--hostname', 'web-1', '--cores', '2', '--memory', '1024', '--swap', '0',
      '--net0', 'name=eth0,bridge=vmbr0,ip=10.0.0.5/24,gw=10.0.0.1', '--rootfs', 'local-lvm:8', '--mp0', 'local:4,mp=/data,backup=1',
      '--features', 'nesting=1,keyctl=1', '--unprivileged', '1', '--onboot', '--start', 'yes', '--tags', 'web;prod',
    ]);
    expect(error).toBeUndefined();
    expect(params).toMatchObject({ vmid: '120', ostemplate: TEMPLATE, cores: '2', onboot: 1, start: 1, unprivileged: 1, node: 'pve' });
  });

  it('rejects an unknown option the way Getopt::Long and pct do', () => {
    expect(pct(['create', '120', TEMPLATE, '--foo', 'bar']).error).toBe(
      'Unknown option: foo\n400 unable to parse option\npct create <vmid> <ostemplate> [OPTIONS]\n',
    );
  });

  it('rejects a bad integer with the type-check message', () => {
    expect(pct(['create', '120', TEMPLATE, '--cores', 'abc']).error).toBe(
      "400 Parameter verification failed.\ncores: type check ('integer') failed - got 'abc'\npct create <vmid> <ostemplate> [OPTIONS]\n",
    );
  });

  it('checks ranges, enums and lengths', () => {
    const { error } = pct(['create', '120', TEMPLATE, '--memory', '8', '--tty', '7', '--arch', 'sparc', '--password', 'abc']);
    expect(error).toContain('memory: value must have a minimum value of 16\n');
    expect(error).toContain('tty: value must have a maximum value of 6\n');
    expect(error).toContain("arch: value 'sparc' does not have a value in the enumeration 'amd64, i386, arm64, armhf, riscv32, riscv64'\n");
    expect(error).toContain('password: value must be at least 5 characters long\n');
  });

  it('checks named formats', () => {
    expect(pct(['create', '99', TEMPLATE]).error).toContain('vmid: invalid format - value does not look like a valid VM ID\n');
    expect(pct(['create', '120', TEMPLATE, '--hostname', 'bad_name']).error).toContain('hostname: invalid format - value does not look like a valid DNS name\n');
    expect(pct(['create', '120', TEMPLATE, '--tags', 'ok;b@d']).error).toContain('tags: invalid format - invalid characters in tag\n');
    expect(pct(['create', '120', TEMPLATE, '--nameserver', '10.0.0.300']).error).toContain('nameserver: invalid format - value does not look like a valid IP address\n');
    expect(pct(['create', '120', TEMPLATE, '--startup', 'order=1,up=30']).error).toBeUndefined();
  });

  it('checks each key of a property string', () => {
    expect(pct(['create', '120', TEMPLATE, '--net0', 'bridge=vmbr0']).error).toBe(
      '400 Parameter verification failed.\nnet0: invalid format - format error\nnet0.name: property is missing and it is not optional\n\npct create <vmid> <ostemplate> [OPTIONS]\n',
    );
    expect(pct(['create', '120', TEMPLATE, '--net0', 'name=eth0,ip=10.0.0.5']).error).toContain(
      'net0.ip: invalid format - value does not look like a valid ipv4 network configuration\n',
    );
    expect(pct(['create', '120', TEMPLATE, '--net0', 'name=eth0,hwaddr=01:00:00:00:00:01']).error).toContain('does not look like a valid unicast MAC address');
    expect(pct(['create', '120', TEMPLATE, '--net0', 'name=eth0,tag=5000']).error).toContain('net0.tag: value must have a maximum value of 4094');
    expect(pct(['create', '120', TEMPLATE, '--net0', 'name=eth0,speed=10']).error).toContain('net0: invalid format - invalid key in comma-separated list property: speed\n');
    expect(pct(['create', '120', TEMPLATE, '--mp0', 'local:4']).error).toContain('mp0.mp: property is missing and it is not optional');
    expect(pct(['create', '120', TEMPLATE, '--rootfs', 'local:8,mountoptions=noatime;bogus']).error).toContain('rootfs.mountoptions: value does not match the regex pattern');
    expect(pct(['create', '120', TEMPLATE, '--features', 'nesting=maybe']).error).toContain("features.nesting: type check ('boolean') failed - got 'maybe'");
  });

  it('knows the indexed options up to their limits', () => {
    expect(pct(['create', '120', TEMPLATE, '--net31', 'name=eth9']).error).toBeUndefined();
    expect(pct(['create', '120', TEMPLATE, '--net32', 'name=eth9']).error).toBe('Unknown option: net32\n400 unable to parse option\npct create <vmid> <ostemplate> [OPTIONS]\n');
  });

  it('parses like Getopt::Long: abbreviations, --opt=value, ambiguity, booleans, argument counts', () => {
    expect(pct(['create', '120', TEMPLATE, '--hostn=web']).params).toMatchObject({ hostname: 'web' });
    expect(pct(['create', '120', TEMPLATE, '--c', '1']).error).toMatch(/^Option c is ambiguous \(.*cores.*\)\n400 unable to parse option\n/);
    expect(pct(['create', '120', TEMPLATE, '--start', 'maybe']).error).toBe('400 unable to parse boolean option\npct create <vmid> <ostemplate> [OPTIONS]\n');
    expect(pct(['create', '120']).error).toBe('400 not enough arguments\npct create <vmid> <ostemplate> [OPTIONS]\n');
    expect(pct(['start', '120', '121']).error).toBe('400 too many arguments\npct start <vmid> [OPTIONS]\n');
    expect(pct(['create', '120', TEMPLATE, '--cores']).error).toBe('Option cores requires an argument\n400 unable to parse option\npct create <vmid> <ostemplate> [OPTIONS]\n');
  });

  it('follows the PVE version of the schema', () => {
    expect(pct(['create', '120', TEMPLATE, '--entrypoint', '/sbin/init'], '9').error).toBeUndefined();
    expect(pct(['create', '120', TEMPLATE, '--entrypoint', '/sbin/init'], '8').error).toMatch(/^Unknown option: entrypoint\n/);
  });
});

describe('other pct commands', () => {
  it('checks snapshot names and stop/shutdown options', () => {
    expect(pct(['snapshot', '120', 'before-update', '--description', 'x']).error).toBeUndefined();
    expect(pct(['snapshot', '120', '1bad']).error).toContain("snapname: invalid format - invalid configuration ID '1bad'\n");
    expect(pct(['shutdown', '120', '--timeout', '-1']).error).toContain('timeout: value must have a minimum value of 0');
    expect(pct(['shutdown', '120', '--forceStop', '1', '--timeout', '30']).params).toMatchObject({ forceStop: 1, timeout: '30' });
    expect(pct(['list', '--full']).error).toBe('Unknown option: full\n400 unable to parse option\npct list\n');
  });

  it('offers every pct command of the schema cli[] with exactly its options', () => {
    const api = loadApiSchema();
    for (const entry of api.cli.filter((c) => c.usage.startsWith('pct '))) {
      const { properties } = cliProperties(api, entry);
      expect(Object.keys(properties).sort(), entry.usage).toEqual([...entry.positional, ...entry.options].sort());
      expect(properties, entry.usage).not.toHaveProperty('node');
    }
    expect(pct(['status', '120', '--verbose']).params).toMatchObject({ verbose: 1 });
    expect(pct(['start', '120', '--node', 'other']).error).toMatch(/^Unknown option: node\n/);
  });
});
