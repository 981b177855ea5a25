import { describe, expect, it } from 'vitest';
import { stepAppliance } from './step-appliance';

describe('stepAppliance', () => {
  it('reads the appliance of a container step, dashes and all', () => {
    expect(stepAppliance('container:colo-shop-a1b2c3-web-2', 'shop-a1b2c3')).toBe('web');
    expect(stepAppliance('container:colo-shop-a1b2c3-web-front-10', 'shop-a1b2c3')).toBe('web-front');
  });

  it('reads appliance stop and start steps', () => {
    expect(stepAppliance('stop:db', 'shop-a1b2c3')).toBe('db');
    expect(stepAppliance('start:db', 'shop-a1b2c3')).toBe('db');
  });

  it('gives null for steps of the whole VDC, networks, volumes and other VDCs', () => {
    expect(stepAppliance('stop', 'shop-a1b2c3')).toBeNull();
    expect(stepAppliance('destroy', 'shop-a1b2c3')).toBeNull();
    expect(stepAppliance('network:colo-shop-a1b2c3-db-in', 'shop-a1b2c3')).toBeNull();
    expect(stepAppliance('volume:colo-shop-a1b2c3-db-data', 'shop-a1b2c3')).toBeNull();
    expect(stepAppliance('container:colo-other-ffffff-web-1', 'shop-a1b2c3')).toBeNull();
  });
});
