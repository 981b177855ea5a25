// Whether one property value fits its class declaration. Shared by the validator and the
// editor's property panel, so both say the same thing about the same value.
import type { ClassProperty } from './class-schema';
import type { ManifestPropertyValue } from './manifest-schema';

function numberProblem(prop: ClassProperty, value: number): string | undefined {
  if (prop.min !== undefined && value < prop.min) return `must be at least ${prop.min}, not ${value}`;
  if (prop.max !== undefined && value > prop.max) return `must be at most ${prop.max}, not ${value}`;
  return undefined;
}

function valuesProblem(prop: ClassProperty, value: string): string | undefined {
  if (prop.values === undefined || prop.values.includes(value)) return undefined;
  return `must be one of ${prop.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`;
}

function stringProblem(prop: ClassProperty, value: string): string | undefined {
  // min/max bound a string's length: the only reading of them that means something for text.
  if (prop.min !== undefined && value.length < prop.min) return `must have at least ${prop.min} characters`;
  if (prop.max !== undefined && value.length > prop.max) return `must have at most ${prop.max} characters`;
  if (prop.pattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(prop.pattern);
    } catch {
      return `cannot be checked: the class declares an invalid pattern ${JSON.stringify(prop.pattern)}`;
    }
    if (!pattern.test(value)) return prop.patternHint ? `must be ${prop.patternHint}` : `must match the pattern ${prop.pattern}`;
  }
  return valuesProblem(prop, value);
}

/** What is wrong with `value` for `prop`, or undefined when it fits. */
export function propertyValueProblem(prop: ClassProperty, value: ManifestPropertyValue): string | undefined {
  switch (prop.type) {
    case 'string':
      return typeof value === 'string' ? stringProblem(prop, value) : `must be a string, not ${JSON.stringify(value)}`;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
        ? numberProblem(prop, value)
        : `must be a whole number, not ${JSON.stringify(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? numberProblem(prop, value)
        : `must be a number, not ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${JSON.stringify(value)}`;
    case 'enum':
      return typeof value === 'string'
        ? valuesProblem(prop, value)
        : `must be one of ${(prop.values ?? []).map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`;
  }
}
