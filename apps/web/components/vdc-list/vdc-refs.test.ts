import { describe, expect, it } from 'vitest';
import { editorHref, vdcRefs } from './types';

describe('vdcRefs', () => {
  it('names a VDC by its name unless another of the caller\'s teams has one of that name', () => {
    const refs = vdcRefs([
      { id: 'vdc_1', name: 'shop', team: { slug: 'ann' } },
      { id: 'vdc_2', name: 'shop', team: { slug: 'acme' } },
      { id: 'vdc_3', name: 'blog', team: { slug: 'acme' } },
      { id: 'vdc_4', name: 'wiki' },
    ]);
    expect(Object.fromEntries(refs)).toEqual({ vdc_1: 'shop@ann', vdc_2: 'shop@acme', vdc_3: 'blog', vdc_4: 'wiki' });
  });

  it('keeps the @ of name@team in links and encodes the rest', () => {
    expect(editorHref('shop@acme')).toBe('/vdcs/shop@acme');
    expect(editorHref('a b/c')).toBe('/vdcs/a%20b%2Fc');
  });
});
