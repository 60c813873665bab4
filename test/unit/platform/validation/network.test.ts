import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkGatewayInSubnet,
  checkHostCidr,
  formatIpv4,
  parseCidr,
  parseIpv4,
} from '../../../../src/platform/validation/network.js';
import { checkVlan } from '../../../../src/platform/validation/values.js';

const octets = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));

describe('parseIpv4', () => {
  it('round-trips every address', () => {
    fc.assert(
      fc.property(octets, (parts) => {
        const text = parts.join('.');
        const parsed = parseIpv4(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(formatIpv4(parsed.value)).toBe(text);
      }),
    );
  });

  it('rejects octets above 255, leading zeros, and the wrong number of parts', () => {
    fc.assert(fc.property(fc.integer({ min: 256, max: 99999 }), (n) => {
      expect(parseIpv4(`10.${n}.0.1`).ok).toBe(false);
    }));
    expect(parseIpv4('010.0.0.1')).toEqual({ ok: false, reason: expect.stringContaining('leading zero') });
    for (const bad of ['1.2.3', '1.2.3.4.5', '1.2.3.x', ' 1.2.3.4', '1.2.3.4\n', '-1.2.3.4', '0x1.2.3.4', '']) {
      expect(parseIpv4(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('CIDR and gateway', () => {
  it('accepts prefixes 0–32 and rejects the rest', () => {
    fc.assert(fc.property(octets, fc.nat(32), (parts, prefix) => {
      expect(parseCidr(`${parts.join('.')}/${prefix}`).ok).toBe(true);
    }));
    fc.assert(fc.property(fc.integer({ min: 33, max: 1000 }), (prefix) => {
      expect(parseCidr(`10.0.0.1/${prefix}`).ok).toBe(false);
    }));
    expect(parseCidr('10.0.0.1').ok).toBe(false);
    expect(parseCidr('10.0.0.1/24/1').ok).toBe(false);
    expect(parseCidr('10.0.0.1/024').ok).toBe(false);
  });

  it('refuses the network and broadcast address as a host address', () => {
    expect(checkHostCidr('192.168.1.0/24')).toEqual({ ok: false, reason: expect.stringContaining('network address') });
    expect(checkHostCidr('192.168.1.255/24')).toEqual({ ok: false, reason: expect.stringContaining('broadcast') });
    expect(checkHostCidr('192.168.1.20/24').ok).toBe(true);
    expect(checkHostCidr('10.0.0.0/31').ok).toBe(true);
  });

  it('a gateway inside the subnet is accepted; one outside is rejected', () => {
    // Any two different hosts of a /24 around a random network, then the same gateway moved out of it.
    fc.assert(
      fc.property(fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }), (a, b, host, gw) => {
        fc.pre(host !== gw);
        const cidr = `10.${a}.${b}.${host}/24`;
        expect(checkGatewayInSubnet(`10.${a}.${b}.${gw}`, cidr).ok).toBe(true);
        const outside = checkGatewayInSubnet(`10.${a}.${(b + 1) % 256}.${gw}`, cidr);
        expect(outside).toEqual({ ok: false, reason: expect.stringContaining('outside the subnet') });
      }),
    );
    expect(checkGatewayInSubnet('10.0.0.5', '10.0.0.5/24').ok).toBe(false);
    expect(checkGatewayInSubnet('10.0.0.255', '10.0.0.5/24').ok).toBe(false);
  });
});

describe('checkVlan', () => {
  it('accepts 1–4094 and rejects 0, 4095 and beyond', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4094 }), (id) => {
      expect(checkVlan(String(id))).toEqual({ ok: true, value: id });
    }));
    fc.assert(fc.property(fc.integer({ min: 4095, max: 1e9 }), (id) => {
      expect(checkVlan(String(id)).ok).toBe(false);
    }));
    for (const bad of ['0', '-1', '1.5', '0x10', '', ' ', '10a']) expect(checkVlan(bad).ok, bad).toBe(false);
  });
});
