import { describe, expect, it } from 'vitest';
import { type ClassProperty, classSchema } from './class-schema';
import { propertyValueProblem } from './property-value';

function prop(fields: Partial<ClassProperty> & Pick<ClassProperty, 'type'>): ClassProperty {
  return { name: 'p', required: false, ...fields };
}

describe('propertyValueProblem', () => {
  it('integer: whole numbers within min/max', () => {
    const p = prop({ type: 'integer', min: 1, max: 64 });
    expect(propertyValueProblem(p, 4)).toBeUndefined();
    expect(propertyValueProblem(p, 4.5)).toBe('must be a whole number, not 4.5');
    expect(propertyValueProblem(p, '4')).toBe('must be a whole number, not "4"');
    expect(propertyValueProblem(p, 0)).toBe('must be at least 1, not 0');
    expect(propertyValueProblem(p, 65)).toBe('must be at most 64, not 65');
  });

  it('number: any finite number within bounds', () => {
    const p = prop({ type: 'number', min: 0.5 });
    expect(propertyValueProblem(p, 0.75)).toBeUndefined();
    expect(propertyValueProblem(p, 0.25)).toBe('must be at least 0.5, not 0.25');
    expect(propertyValueProblem(p, true)).toBe('must be a number, not true');
  });

  it('boolean: only true or false', () => {
    const p = prop({ type: 'boolean' });
    expect(propertyValueProblem(p, false)).toBeUndefined();
    expect(propertyValueProblem(p, 'yes')).toBe('must be true or false, not "yes"');
    expect(propertyValueProblem(p, 1)).toBe('must be true or false, not 1');
  });

  it('string: pattern, length bounds and allowed values', () => {
    expect(propertyValueProblem(prop({ type: 'string', pattern: '^/' }), 'www')).toBe('must match the pattern ^/');
    expect(propertyValueProblem(prop({ type: 'string', pattern: '^/' }), '/www')).toBeUndefined();
    expect(propertyValueProblem(prop({ type: 'string', max: 3 }), 'abcd')).toBe('must have at most 3 characters');
    expect(propertyValueProblem(prop({ type: 'string', min: 1 }), '')).toBe('must have at least 1 characters');
    expect(propertyValueProblem(prop({ type: 'string', values: ['a', 'b'] }), 'c')).toBe('must be one of "a", "b", not "c"');
    expect(propertyValueProblem(prop({ type: 'string' }), 5)).toBe('must be a string, not 5');
  });

  it('enum: one of the values', () => {
    const p = prop({ type: 'enum', values: ['roundrobin', 'leastconn'] });
    expect(propertyValueProblem(p, 'leastconn')).toBeUndefined();
    expect(propertyValueProblem(p, 'random')).toBe('must be one of "roundrobin", "leastconn", not "random"');
    expect(propertyValueProblem(p, 3)).toBe('must be one of "roundrobin", "leastconn", not 3');
  });

  it('reports a broken class pattern instead of throwing', () => {
    const p = prop({ type: 'string', pattern: '([' });
    expect(propertyValueProblem(p, 'x')).toMatch(/invalid pattern/);
  });

  it('works on properties as the class schema produces them', () => {
    const cls = classSchema.parse({
      id: 'x',
      version: 1,
      title: 'X',
      properties: [{ name: 'n', type: 'integer', max: 2 }],
      resources: { cpu: { min: 1, max: 1, default: 1 }, memory: { min: 1, max: 1, default: 1 } },
    });
    expect(propertyValueProblem(cls.properties[0], 3)).toBe('must be at most 2, not 3');
  });
});
