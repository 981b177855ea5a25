import { describe, expect, it } from 'vitest';
import { bytesText } from './format';

describe('bytesText', () => {
  it('writes whole bytes, one decimal below 100 of a unit, none from 100 up', () => {
    expect([bytesText(0), bytesText(1023), bytesText(1536), bytesText(5 * 1024 ** 3)]).toEqual(['0 B', '1023 B', '1.5 KiB', '5.0 GiB']);
    expect([bytesText(48.2 * 1024 ** 2), bytesText(128 * 1024 ** 2), bytesText(1023.4 * 1024 ** 3), bytesText(2 * 1024 ** 5)]).toEqual(['48.2 MiB', '128 MiB', '1023 GiB', '2048 TiB']);
  });
});
