// The simulator's validator on its own: PVE::JSONSchema semantics for types, formats and strings.
import { describe, expect, it } from 'vitest';
import { checkNamedFormat, parseSize, splitList } from '../../lab/sim/lib/formats.mjs';
import { PveError, stringifyError } from '../../lab/sim/lib/pve-error.mjs';
import { parseBoolean, parsePropertyString, perlPattern, propertySchema, validateParams } from '../../lab/sim/lib/validate.mjs';

const failsWith = (format: string, value: string) => {
  try {
    checkNamedFormat(format, value);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('named formats', () => {
  it('accepts and rejects like PVE', () => {
    expect(failsWith('pve-vmid', '100')).toBeUndefined();
    expect(failsWith('pve-vmid', '0100')).toBe('value does not look like a valid VM ID\n');
    expect(failsWith('pve-ipv4-config', 'dhcp')).toBeUndefined();
    expect(failsWith('pve-ipv4-config', '10.0.0.1/33')).toBe('value does not look like a valid ipv4 network configuration\n');
    expect(failsWith('pve-ipv6-config', 'fd00::5/64')).toBeUndefined();
    expect(failsWith('dns-name-list', 'example.com lab.internal')).toBeUndefined();
    expect(failsWith('pve-tag-list', 'a;b,c')).toBeUndefined();
    expect(failsWith('pve-lxc-mp-string', '/data/../etc')).toBe('/data/../etc contains illegal character sequences\n');
    expect(failsWith('pve-lxc-dev-string', '/tmp/x')).toBe('/tmp/x is not a valid device path\n');
    expect(failsWith('pve-ct-timezone', 'host')).toBeUndefined();
    expect(failsWith('pve-ct-timezone', 'Mars/Base')).toBe("invalid time zone 'Mars/Base'\n");
    expect(failsWith('disk-size', '8G')).toBeUndefined();
  });

  it('splits lists and sizes like PVE::Tools', () => {
    expect(splitList('a, b;c  d')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseSize('1.5K')).toBe(1536);
    expect(parseSize('4G')).toBe(4 * 1024 ** 3);
    expect(parseSize('4X')).toBeUndefined();
    expect(parseBoolean('on')).toBe(1);
    expect(parseBoolean('False')).toBe(0);
    expect(parseBoolean('2')).toBeUndefined();
  });
});

describe('property strings', () => {
  const rootfs = { volume: { type: 'string', default_key: 1 }, size: { type: 'string', optional: 1, format: 'disk-size' }, ro: { type: 'boolean', optional: 1 } };

  it('takes the default key and converts booleans', () => {
    expect(parsePropertyString(rootfs, 'local:8,ro=yes', 'rootfs')).toEqual({ volume: 'local:8', ro: 1 });
  });

  it('rejects duplicate and unknown keys', () => {
    expect(() => parsePropertyString(rootfs, 'a,b', 'rootfs')).toThrow('duplicate key in comma-separated list property: volume\n');
    expect(() => parsePropertyString(rootfs, 'volume=a,volume=b', 'rootfs')).toThrow('duplicate key in comma-separated list property: volume\n');
    expect(() => parsePropertyString(rootfs, 'local:8,x=1', 'rootfs')).toThrow('invalid key in comma-separated list property: x\n');
    expect(() => parsePropertyString(rootfs, 'local:8,size=', 'rootfs')).toThrow('missing key in comma-separated list property\n');
  });

  it('reports nested errors as a PVE "format error"', () => {
    try {
      parsePropertyString(rootfs, 'local:8,size=big', 'rootfs');
      expect.unreachable('size=big must fail');
    } catch (err) {
      expect(err).toBeInstanceOf(PveError);
      expect(stringifyError(err as PveError)).toBe('format error\nrootfs.size: invalid format - value does not look like a valid disk size: big\n\n');
    }
  });
});

describe('schema helpers', () => {
  it('translates Perl patterns and indexed names', () => {
    expect(perlPattern('(?^:[a-zA-Z0-9_; ]+)').test('ext4;nfs')).toBe(true);
    expect(perlPattern('0[0-7]{3}').test('0644x')).toBe(false);
    const properties = { 'net[n]': { type: 'string' }, cores: { type: 'integer' } };
    expect(propertySchema(properties, 'net7')).toEqual({ type: 'string' });
    expect(propertySchema(properties, 'net07')).toBeUndefined();
    expect(propertySchema(properties, 'net32')).toBeUndefined();
    expect(validateParams(properties, { cores: '1', extra: 'x' })).toEqual({
      extra: 'property is not defined in schema and the schema does not allow additional properties',
    });
  });
});
