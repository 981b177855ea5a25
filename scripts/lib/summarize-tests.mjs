// Prints the suite's closing line, "N passed, N failed", from vitest's JSON report plus the
// checks (typecheck, lint, build) that ran before it; exits non-zero when anything failed.
import { existsSync, readFileSync } from 'node:fs';

const [file, failedChecksArg, vitestRcArg] = process.argv.slice(2);
const failedChecks = Number(failedChecksArg ?? 0);
const vitestRc = Number(vitestRcArg ?? 1);
let passed = 0;
let failed = failedChecks;
let skipped = 0;
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load counts as a failure even though no test in it ran.
  const brokenSuites = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0);
  failed += brokenSuites.length;
} else {
  failed += 1;
  console.error('no test report was written');
}
if (failedChecks > 0) console.error(`${failedChecks} check(s) before the tests failed (typecheck, lint or build): see above`);
if (passed === 0 && failed === 0) failed = 1; // a run that tested nothing is not a pass
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || vitestRc !== 0 ? 1 : 0);
