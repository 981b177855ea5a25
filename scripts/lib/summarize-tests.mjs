// Prints the suite's closing line, "N passed, N failed", from vitest's JSON reports (one per
// lane) plus the checks (typecheck, lint, build) that ran before; exits non-zero when anything failed.
// Usage: summarize-tests.mjs FAILED_CHECKS LANE_RC REPORT.json [REPORT.json ...]
import { existsSync, readFileSync } from 'node:fs';

/** Terminal colour codes (ESC [ … m), built from the code so no control character sits in a literal. */
const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const [failedChecksArg, lanesRcArg, ...files] = process.argv.slice(2);
const failedChecks = Number(failedChecksArg ?? 0);
const lanesRc = Number(lanesRcArg ?? 1);
let passed = 0;
let failed = failedChecks;
let skipped = 0;
for (const file of files) {
  if (!existsSync(file)) {
    failed += 1;
    console.error(`no test report was written: ${file}`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load counts as a failure even though no test in it ran.
  const brokenSuites = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0);
  failed += brokenSuites.length;
  for (const r of report.testResults ?? []) {
    if (r.status === 'failed' && (r.assertionResults ?? []).length === 0) console.error(`failed to load: ${r.name}\n${excerpt(r.message)}`);
    for (const a of r.assertionResults ?? []) {
      if (a.status === 'failed') console.error(`failed: ${a.fullName} (${r.name})\n${excerpt(failureText(a))}`);
    }
  }
}
/** Vitest records a timed-out test's error as a bare STACK_TRACE_ERROR: say how long it ran instead. */
function failureText(a) {
  const text = (a.failureMessages ?? []).join('\n');
  if (text.trim() !== 'STACK_TRACE_ERROR') return text;
  const seconds = typeof a.duration === 'number' ? `${Math.round(a.duration / 1000)} s` : 'an unknown time';
  return `no message recorded (vitest's STACK_TRACE_ERROR): the test ran ${seconds}, most likely into its timeout; its lane's output above has the error`;
}

/** The start of a failure's message, indented: the closing lines of a CI log say why, not only what. */
function excerpt(message) {
  const lines = String(message ?? '').replace(ANSI_COLOR, '').split('\n').filter((l) => !/^\s+at /.test(l));
  const kept = lines.slice(0, 60).map((l) => `    ${l.slice(0, 300)}`);
  if (lines.length > kept.length) kept.push(`    … ${lines.length - kept.length} more lines in the lane's JSON report`);
  return kept.join('\n');
}
if (failedChecks > 0) console.error(`${failedChecks} check(s) before the tests failed (typecheck, lint or build): see above`);
if (passed === 0 && failed === 0) failed = 1; // a run that tested nothing is not a pass
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || lanesRc !== 0 ? 1 : 0);
