import { describe, expect, it } from 'vitest';
import { freeAddressPool, parseCidr, poolCollides } from './address-pool';

describe('the address pool of a new swarm', () => {
  it('skips every /16 the engine already uses', () => {
    expect(freeAddressPool([])).toBe('10.200.0.0/16');
    expect(freeAddressPool(['10.200.0.0/16', '10.201.5.0/24', 'fd00::/64'])).toBe('10.202.0.0/16');
    // A wide pool (Docker's 10.0.0.0/8 default) leaves nothing in 10/8.
    expect(freeAddressPool(['10.0.0.0/8'])).toBeUndefined();
  });

  it('parses CIDRs and tells a collision', () => {
    expect(parseCidr('10.1.2.3/16')).toEqual({ start: 10 * 2 ** 24 + 2 ** 16, end: 10 * 2 ** 24 + 2 * 2 ** 16 - 1 });
    expect(parseCidr('300.1.1.1/8')).toBeUndefined();
    expect(poolCollides('10.210.0.0/16', ['10.210.3.0/24'])).toBe(true);
    expect(poolCollides('10.212.0.0/16', ['10.210.0.0/16', '172.17.0.0/16'])).toBe(false);
  });
});
