// The one validator the editor, the API, the CLI and the worker all run (SPEC §2). It reports
// every problem it can find, each with its path, and never throws on bad input.
import type { Catalog } from './class-schema';
import { type Issue, IssueList } from './issue';
import { withIssueWords } from './issue-words';
import { checkManifestLimits } from './manifest-limits';
import { buildModel } from './manifest-model';
import { type Manifest, manifestSchema } from './manifest-schema';
import { checkAliases } from './rules/alias-rules';
import { checkAppliances } from './rules/appliance-rules';
import { checkBootOrder } from './rules/boot-order-rules';
import { checkConnections } from './rules/connection-rules';
import { checkExpose } from './rules/expose-rules';
import { checkPlacement } from './rules/placement-rules';
import { checkProperties } from './rules/property-rules';
import { DEFAULT_PORT_RANGE, type RuleContext, type ValidateOptions } from './rules/rule-context';
import { addZodIssues, manifestErrorMap } from './zod-issues';

export type { ValidateOptions } from './rules/rule-context';

/** `manifest` is there exactly when `ok` is true, so nobody deploys a manifest with errors. */
export type ValidationResult =
  | { ok: true; errors: Issue[]; warnings: Issue[]; manifest: Manifest }
  | { ok: false; errors: Issue[]; warnings: Issue[]; manifest?: undefined };

function describeRoot(input: unknown): string {
  if (input === null || input === undefined) return 'nothing';
  return Array.isArray(input) ? 'a list' : `a ${typeof input}`;
}

export function validateManifest(input: unknown, catalog: Catalog, options: ValidateOptions = {}): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const message = `a manifest must be an object with apiVersion, kind, name and appliances, not ${describeRoot(input)}`;
    return { ok: false, errors: [{ path: '', message, severity: 'error' }], warnings: [] };
  }

  // Sizes first: everything after this pass costs time linear in a size it has bounded.
  const limits = checkManifestLimits(input);
  if (limits.errors.length > 0) return { ok: false, ...limits.finish() };

  const parsed = manifestSchema.safeParse(input, { error: manifestErrorMap });
  const issues = new IssueList();
  if (!parsed.success) addZodIssues(issues, parsed.error.issues);

  const ctx: RuleContext = {
    model: buildModel(input, catalog),
    catalog,
    issues,
    mode: options.mode ?? 'deploy',
    portRange: options.portRange ?? DEFAULT_PORT_RANGE,
    takenPorts: options.takenPorts ?? new Map(),
  };
  checkAppliances(ctx);
  checkProperties(ctx);
  checkExpose(ctx);
  checkPlacement(ctx);
  checkConnections(ctx);
  checkBootOrder(ctx);
  checkAliases(ctx);

  const finished = issues.finish();
  const errors = withIssueWords(finished.errors, ctx.model);
  const warnings = withIssueWords(finished.warnings, ctx.model);
  if (parsed.success && errors.length === 0) return { ok: true, errors, warnings, manifest: parsed.data };
  return { ok: false, errors, warnings };
}
