// Expands `{{ properties.x }}`, `{{ secrets.x }}`, `{{ appliance.name }}` and `{{ vdc.name }}` in
// class env and clientEnv values. Anything else between braces is a class defect, reported.
import type { PropertyValue } from '@colo/manifest';
import { EngineError } from '../engine-error';

export interface TemplateContext {
  /** Property values with defaults applied. */
  properties: Record<string, PropertyValue>;
  /** Every property the class declares: a declared property without a value renders as "". */
  declaredProperties: ReadonlySet<string>;
  secrets: Record<string, string>;
  applianceName: string;
  vdcName: string;
}

const EXPRESSION = /\{\{\s*(.*?)\s*\}\}/g;

/** `where` names the value for error messages, e.g. `appliance web, env DB_URL`. */
export function renderTemplate(template: string, ctx: TemplateContext, where: string): string {
  return template.replace(EXPRESSION, (_match, expression: string) => resolve(expression, ctx, where));
}

function resolve(expression: string, ctx: TemplateContext, where: string): string {
  if (expression === 'appliance.name') return ctx.applianceName;
  if (expression === 'vdc.name') return ctx.vdcName;
  const m = /^(properties|secrets)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
  if (m?.[1] === 'properties') {
    const name = m[2];
    if (!ctx.declaredProperties.has(name)) {
      throw new EngineError('invalid_manifest', `${where}: unknown property "${name}" in template`);
    }
    const value = ctx.properties[name];
    return value === undefined ? '' : String(value);
  }
  if (m?.[1] === 'secrets') {
    const value = ctx.secrets[m[2]];
    if (value === undefined) throw new EngineError('invalid_manifest', `${where}: secret "${m[2]}" has no value`);
    return value;
  }
  throw new EngineError('invalid_manifest', `${where}: cannot expand "{{ ${expression} }}"`);
}
