// What a class must satisfy beyond its schema: names that are unique, terminals that can really
// be wired, defaults inside their own bounds, templates that expand. The engine would otherwise
// find these only at deploy time, in somebody's VDC.
import { type ApplianceClass, parseMemory, propertyValueProblem } from '@colo/manifest';
import type { ClassFileContext } from './class-file';

export type PathSegment = string | number;

export interface RuleProblem {
  path: PathSegment[];
  message: string;
}

const EXPRESSION = /\{\{\s*(.*?)\s*\}\}/g;

/** The one class allowed off the internal networks: AppLogic's NET, a forward proxy with an allow-list. */
export const EGRESS_CLASS = 'net';

export function checkClassRules(cls: ApplianceClass, ctx: ClassFileContext): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const report = (path: PathSegment[], message: string) => problems.push({ path, message });

  if (cls.id !== ctx.folder) report(['id'], `must equal its folder name "${ctx.folder}", not "${cls.id}"`);
  if (!ctx.hasDockerfile && cls.image === undefined) {
    report(['image'], 'is required when no Dockerfile sits beside class.yaml (there is nothing to build)');
  }

  // Leaving the internal networks is what the gateway is for; any other class doing it would be a
  // path no wire draws.
  if (cls.egress && cls.id !== EGRESS_CLASS) {
    report(['egress'], `only the stock "${EGRESS_CLASS}" gateway class may reach outside the VDC's internal networks; wire this class to a "${EGRESS_CLASS}" appliance instead`);
  }
  checkTerminals(cls, report);
  checkVolumes(cls, report);
  checkProperties(cls, report);
  checkSecrets(cls, report);
  checkTemplates(cls, report);
  checkBounds(cls, report);
  checkCapabilities(cls, report);
  return problems;
}

type Report = (path: PathSegment[], message: string) => void;

function duplicates<T>(items: readonly T[], key: (item: T) => string, report: (index: number, name: string) => void): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const name = key(item);
    if (seen.has(name)) report(i, name);
    seen.add(name);
  });
}

function checkTerminals(cls: ApplianceClass, report: Report): void {
  const { inputs, outputs } = cls.terminals;
  // Connections name terminals as `appliance.terminal`: an input and an output may not share a name.
  const all = [...inputs.map((t, i) => ({ t, path: ['terminals', 'inputs', i] })), ...outputs.map((t, i) => ({ t, path: ['terminals', 'outputs', i] }))];
  duplicates(all, (e) => e.t.name, (i, name) => report([...all[i].path, 'name'], `terminal "${name}" is declared twice`));

  inputs.forEach((input, i) => {
    const at = ['terminals', 'inputs', i];
    if (input.protocol === 'fs') {
      if (input.volume === undefined) report([...at, 'volume'], 'is required for an fs input: the instance volume clients mount');
      else if (!cls.volumes.some((v) => v.name === input.volume && v.kind === 'instance')) {
        report([...at, 'volume'], `names no instance volume of this class: "${input.volume}"`);
      }
      if (input.port !== undefined) report([...at, 'port'], 'an fs input shares a volume, it has no port');
    } else {
      if (input.port === undefined) report([...at, 'port'], `is required for a ${input.protocol} input: clients are told to connect to it`);
      if (input.volume !== undefined) report([...at, 'volume'], 'only fs inputs share a volume');
    }
  });
  duplicates(
    inputs.filter((t) => t.port !== undefined),
    (t) => String(t.port),
    (_i, port) => report(['terminals', 'inputs'], `two inputs listen on port ${port}`),
  );

  outputs.forEach((output, i) => {
    const at = ['terminals', 'outputs', i];
    if (output.protocol === 'fs' && output.mountPath === undefined) {
      report([...at, 'mountPath'], 'is required for an fs output: where the shared volume appears');
    }
    if (output.protocol !== 'fs' && output.mountPath !== undefined) report([...at, 'mountPath'], 'only fs outputs mount anything');
  });
}

function checkVolumes(cls: ApplianceClass, report: Report): void {
  duplicates(cls.volumes, (v) => v.name, (i, name) => report(['volumes', i, 'name'], `volume "${name}" is declared twice`));
  const mounts = [
    ...cls.volumes.map((v, i) => ({ path: v.mountPath, at: ['volumes', i, 'mountPath'] })),
    ...cls.terminals.outputs.flatMap((t, i) => (t.mountPath ? [{ path: t.mountPath, at: ['terminals', 'outputs', i, 'mountPath'] }] : [])),
  ];
  duplicates(mounts, (m) => m.path.replace(/\/+$/, ''), (i, path) => report(mounts[i].at, `${path} is mounted twice`));
}

function checkProperties(cls: ApplianceClass, report: Report): void {
  duplicates(cls.properties, (p) => p.name, (i, name) => report(['properties', i, 'name'], `property "${name}" is declared twice`));
  cls.properties.forEach((prop, i) => {
    const at = ['properties', i];
    if (prop.type === 'enum' && (prop.values === undefined || prop.values.length === 0)) {
      report([...at, 'values'], 'an enum property needs the list of its values');
    }
    if (prop.values !== undefined && prop.type !== 'enum' && prop.type !== 'string') {
      report([...at, 'values'], `a ${prop.type} property cannot list values`);
    }
    if (prop.pattern !== undefined) {
      if (prop.type !== 'string') report([...at, 'pattern'], `a ${prop.type} property cannot have a pattern`);
      try {
        new RegExp(prop.pattern);
      } catch {
        report([...at, 'pattern'], `is not a valid regular expression: ${prop.pattern}`);
      }
    }
    if (prop.min !== undefined && prop.max !== undefined && prop.min > prop.max) report([...at, 'min'], `is above max (${prop.max})`);
    // The same check the manifest validator applies to a value a user sets.
    if (prop.default !== undefined) {
      const problem = propertyValueProblem(prop, prop.default);
      if (problem) report([...at, 'default'], problem);
    }
  });
}

function checkSecrets(cls: ApplianceClass, report: Report): void {
  duplicates(cls.secrets, (s) => s, (i, name) => report(['secrets', i], `secret "${name}" is declared twice`));
}

function checkTemplates(cls: ApplianceClass, report: Report): void {
  const properties = new Set(cls.properties.map((p) => p.name));
  const secrets = new Set(cls.secrets);
  const check = (template: string, at: PathSegment[]) => {
    for (const [, expression] of template.matchAll(EXPRESSION)) {
      if (expression === 'appliance.name' || expression === 'vdc.name') continue;
      const m = /^(properties|secrets)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
      if (!m) report(at, `cannot expand "{{ ${expression} }}": use properties.NAME, secrets.NAME, appliance.name or vdc.name`);
      else if (m[1] === 'properties' && !properties.has(m[2])) report(at, `uses undeclared property "${m[2]}"`);
      else if (m[1] === 'secrets' && !secrets.has(m[2])) report(at, `uses undeclared secret "${m[2]}"`);
    }
  };
  for (const [key, template] of Object.entries(cls.env)) check(template, ['env', key]);
  cls.terminals.inputs.forEach((input, i) => {
    for (const [key, template] of Object.entries(input.clientEnv)) check(template, ['terminals', 'inputs', i, 'clientEnv', key]);
  });
}

function checkBounds(cls: ApplianceClass, report: Report): void {
  const within = (at: PathSegment[], b: { min: number; max: number; default: number }, show: (n: number) => string) => {
    if (b.min > b.max) report([...at, 'min'], `is above max (${show(b.max)})`);
    else if (b.default < b.min || b.default > b.max) report([...at, 'default'], `must be between ${show(b.min)} and ${show(b.max)}`);
  };
  const mem = cls.resources.memory;
  const memory = { min: parseMemory(mem.min), max: parseMemory(mem.max), default: parseMemory(mem.default) };
  within(['resources', 'cpu'], cls.resources.cpu, String);
  within(['resources', 'memory'], memory, (n) => String(Object.values(mem).find((v) => parseMemory(v) === n) ?? n));
  within(['replicas'], cls.replicas, String);
}

/** The schema refuses capabilities off the allow-list; here, what is allowed but cannot work. */
function checkCapabilities(cls: ApplianceClass, report: Report): void {
  duplicates(cls.capabilities, (c) => c, (i, name) => report(['capabilities', i], `capability ${name} is listed twice`));
  // Docker gives a non-root user no effective capabilities: listing them would only widen the
  // bounding set and mislead the reader.
  if (cls.capabilities.length > 0 && cls.user !== undefined && !isRoot(cls.user)) {
    report(['capabilities'], `take effect only for root, and the class runs as "${cls.user}": remove them, or run as root and drop privileges in the entrypoint`);
  }
}

function isRoot(user: string): boolean {
  return user === 'root' || /^0(:\d+)?$/.test(user);
}
