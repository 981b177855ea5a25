// Properties: only the class's own, each of the right type and within bounds, required ones set,
// and never a secret (Colo generates those).
import { forbiddenKeyReason } from '../forbidden-keys';
import { propertyValueProblem } from '../property-value';
import type { RuleContext } from './rule-context';

export function checkProperties(ctx: RuleContext): void {
  for (const entry of ctx.model.appliances) {
    const cls = entry.cls;
    if (!cls) continue;
    const base = ['appliances', entry.index, 'properties'];
    const declared = new Map(cls.properties.map((p) => [p.name, p]));
    for (const key of entry.propertyKeys) {
      // A key the schema refused (empty, or absurdly long) is reported there already.
      if (key.length === 0 || key.length > 200) continue;
      const path = [...base, key];
      const prop = declared.get(key);
      if (prop === undefined) {
        if (cls.secrets.includes(key)) {
          ctx.issues.error(path, `"${key}" is a secret of class "${cls.id}": Colo generates it for each VDC, a manifest cannot set it`);
          continue;
        }
        ctx.issues.error(path, () => {
          const refusal = forbiddenKeyReason(key);
          const set = `properties of ${cls.id}@${cls.version}`;
          const hint = refusal === undefined ? ctx.model.suggestions.didYouMean(set, key, () => declared.keys()) : ` (${refusal})`;
          return `class "${cls.id}" has no property "${key}"${hint}`;
        });
        continue;
      }
      const value = entry.properties.get(key);
      // An unreadable value was already reported by the schema.
      if (value === undefined) continue;
      const problem = propertyValueProblem(prop, value);
      if (problem !== undefined) ctx.issues.error(path, problem);
    }
    const written = new Set(entry.propertyKeys);
    for (const prop of cls.properties) {
      if (prop.required && prop.default === undefined && !written.has(prop.name)) {
        ctx.issues.error([...base, prop.name], `required property "${prop.name}" of class "${cls.id}" is not set`);
      }
    }
  }
}
