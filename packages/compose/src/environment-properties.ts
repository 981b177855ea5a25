// A well-known image's environment variables → the class's properties. Passwords are never
// carried over: Colo generates each class's secrets and hands them to wired clients. Values are
// never echoed into the report (an environment may hold secrets).
import { type ApplianceClass, type ManifestPropertyValue, propertyValueProblem } from '@colo/manifest';
import type { Report } from './report';

/** Per class: variable → property. */
const PROPERTY_VARIABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  postgres: { POSTGRES_DB: 'database', POSTGRES_USER: 'user' },
  mariadb: { MYSQL_DATABASE: 'database', MARIADB_DATABASE: 'database', MYSQL_USER: 'user', MARIADB_USER: 'user' },
  'app-node': { NODE_ENV: 'nodeEnv' },
};

const PASSWORD_VARIABLE = /PASSWORD|PASSWD|SECRET|_KEY$|TOKEN/;

/** `KEY=value` list or map → entries; a bare `KEY` (taken from the host's environment) has no value. */
export function environmentEntries(environment: unknown): [string, string | undefined][] {
  if (Array.isArray(environment)) {
    return environment.map((item) => {
      const text = String(item);
      const eq = text.indexOf('=');
      return eq === -1 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
    });
  }
  if (environment && typeof environment === 'object') {
    return Object.entries(environment).map(([key, value]) => [key, value === null || value === undefined ? undefined : String(value)]);
  }
  return [];
}

function propertyValue(cls: ApplianceClass, property: string, text: string): { value?: ManifestPropertyValue; problem?: string } {
  const prop = cls.properties.find((p) => p.name === property);
  if (!prop) return { problem: `class ${cls.id} has no property "${property}"` };
  const value: ManifestPropertyValue = prop.type === 'integer' || prop.type === 'number' ? Number(text) : prop.type === 'boolean' ? text === 'true' : text;
  const problem = propertyValueProblem(prop, value);
  return problem ? { problem } : { value };
}

export function environmentProperties(service: string, cls: ApplianceClass, environment: unknown, report: Report): Record<string, ManifestPropertyValue> {
  const properties: Record<string, ManifestPropertyValue> = {};
  const table = PROPERTY_VARIABLES[cls.id] ?? {};
  for (const [variable, text] of environmentEntries(environment)) {
    const key = `environment.${variable}`;
    const property = Object.hasOwn(table, variable) ? table[variable] : undefined;
    if (property !== undefined && text !== undefined) {
      const { value, problem } = propertyValue(cls, property, text);
      if (problem) report.add(service, key, 'dropped', `not carried over to property ${property}: ${problem}`);
      else if (value !== undefined) {
        properties[property] = value;
        report.add(service, key, 'mapped', `becomes property ${property}`);
      }
    } else if (property !== undefined) {
      report.add(service, key, 'dropped', `has no value in the file (it would come from the host's environment); property ${property} keeps its default`);
    } else if (PASSWORD_VARIABLE.test(variable)) {
      report.add(service, key, 'dropped', `the given secret is not carried over: Colo generates ${cls.secrets.length > 0 ? `the ${cls.secrets.join(', ')} secret` : 'secrets'} and gives it to wired clients`);
    } else {
      report.add(service, key, 'dropped', `class ${cls.id} has no property for this variable; it is not carried over`);
    }
  }
  return properties;
}
