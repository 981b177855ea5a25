import { describe, expect, it } from 'vitest';
import { renderTemplate, type TemplateContext } from './render-template';

const ctx: TemplateContext = {
  properties: { database: 'shop', workers: 4, sticky: false },
  declaredProperties: new Set(['database', 'workers', 'sticky', 'comment']),
  secrets: { password: 's3cret' },
  applianceName: 'db',
  vdcName: 'shop',
};

describe('renderTemplate', () => {
  it('expands properties, secrets, appliance and vdc names, with or without spaces', () => {
    expect(renderTemplate('postgres://app:{{secrets.password}}@{{ appliance.name }}/{{ properties.database }}', ctx, 'x')).toBe(
      'postgres://app:s3cret@db/shop',
    );
    expect(renderTemplate('{{ vdc.name }}-{{ properties.workers }}-{{ properties.sticky }}', ctx, 'x')).toBe('shop-4-false');
  });

  it('renders a declared property without a value as empty', () => {
    expect(renderTemplate('[{{ properties.comment }}]', ctx, 'x')).toBe('[]');
  });

  it('names the value when a reference cannot be expanded', () => {
    expect(() => renderTemplate('{{ properties.nope }}', ctx, 'appliance db, env X')).toThrow(
      'appliance db, env X: unknown property "nope"',
    );
    expect(() => renderTemplate('{{ secrets.token }}', ctx, 'env Y')).toThrow('secret "token" has no value');
    expect(() => renderTemplate('{{ env.HOME }}', ctx, 'env Z')).toThrow('cannot expand "{{ env.HOME }}"');
  });

  it('leaves text without templates alone', () => {
    expect(renderTemplate('plain {value}', ctx, 'x')).toBe('plain {value}');
  });
});
