import assert from 'node:assert/strict';
import type os from 'node:os';
import { describe, it } from 'node:test';
import { defaultRouteInterface, primaryIpv4 } from './primary-ipv4';

const ROUTES = `Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT
docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0
`;

const addr = (address: string, internal = false) => ({ address, family: 'IPv4', internal, netmask: '', mac: '', cidr: null }) as os.NetworkInterfaceInfo;

describe('primary IPv4 address', () => {
  it('is on the interface of the default route with the lowest metric', () => {
    assert.equal(defaultRouteInterface(ROUTES), 'eth0');
    const interfaces = { lo: [addr('127.0.0.1', true)], docker0: [addr('172.17.0.1')], eth0: [addr('10.0.0.5')], wlan0: [addr('192.168.1.9')] };
    assert.equal(primaryIpv4(interfaces, 'eth0'), '10.0.0.5');
  });

  it('falls back to any non-loopback IPv4, then to loopback', () => {
    assert.equal(primaryIpv4({ lo: [addr('127.0.0.1', true)], ens3: [addr('192.0.2.7')] }, undefined), '192.0.2.7');
    assert.equal(primaryIpv4({ lo: [addr('127.0.0.1', true)] }, undefined), '127.0.0.1');
  });
});
