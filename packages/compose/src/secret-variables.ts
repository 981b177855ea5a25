// A VDC's generated secrets as compose variables: the exported file names `${COLO_SECRET_…}` and
// never holds a value; the `.env` beside it holds fresh values, or the VDC's own when asked.
import { randomBytes } from 'node:crypto';
import type { ResolvedManifest } from '@colo/manifest';

export interface SecretVariable {
  variable: string;
  appliance: string;
  secret: string;
  /** The value placed in `desiredState`, found again in the rendered environment. */
  token: string;
}

export interface SecretVariables {
  /** appliance → secret → token: what `desiredState` renders `{{ secrets.x }}` with. */
  tokens: Record<string, Record<string, string>>;
  variables: SecretVariable[];
}

export function secretVariableName(appliance: string, secret: string): string {
  return `COLO_SECRET_${appliance}_${secret}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

export function secretVariables(manifest: ResolvedManifest): SecretVariables {
  const tokens: Record<string, Record<string, string>> = {};
  const variables: SecretVariable[] = [];
  for (const appliance of manifest.appliances) {
    for (const secret of appliance.class.secrets) {
      const token = `\u0001colo-secret-${variables.length}\u0001`;
      tokens[appliance.name] ??= {};
      tokens[appliance.name][secret] = token;
      variables.push({ variable: secretVariableName(appliance.name, secret), appliance: appliance.name, secret, token });
    }
  }
  return { tokens, variables };
}

/** `$` is compose interpolation: a literal one is `$$`; a secret token becomes `${VARIABLE}`. */
export function composeValue(value: string, variables: SecretVariable[]): string {
  let out = value.replaceAll('$', '$$$$');
  for (const v of variables) out = out.replaceAll(v.token, `\${${v.variable}}`);
  return out;
}

/**
 * The `.env` text: each variable with the VDC's own value when given (an export that reuses its
 * volumes needs them), else a fresh random one (a new project starts with new volumes).
 */
export function envFileText(variables: SecretVariable[], own?: Record<string, Record<string, string>>): string {
  const lines = ['# Secrets for the exported compose file. Keep this file private; never commit it.'];
  for (const v of variables) {
    const value = own?.[v.appliance]?.[v.secret] ?? randomBytes(18).toString('base64url');
    lines.push(`${v.variable}=${value.replace(/[\r\n]/g, '')}`);
  }
  return `${lines.join('\n')}\n`;
}
