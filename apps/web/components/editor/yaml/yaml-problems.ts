// The YAML tab's refused text, said everywhere else in the editor with one wording: each problem
// as "YAML tab, line L, column C: …" (Problems, the Save refusal), and a short state for the
// header. A text is refused when it does not parse or does not fit the manifest's shape.
import { formatIssue, type Issue } from '@colo/manifest';
import { issueMarks } from './issue-position';

export const YAML_PROBLEM_PREFIX = 'YAML tab, ';

/** The refused text's problems, as Problems rows: located in the text, not on the canvas. */
export function yamlTextProblems(text: string, errors: readonly Issue[]): Issue[] {
  const marks = issueMarks(text, errors);
  return errors.map((issue, i) => {
    const words = /^line \d+, column \d+: /.test(issue.message) ? marks[i].message : formatIssue(issue);
    return { path: '', message: `${YAML_PROBLEM_PREFIX}line ${marks[i].line}, column ${marks[i].col}: ${words}`, severity: 'error' };
  });
}

/** Where a Problems row of the YAML tab points: its line and column, or undefined for other rows. */
export function yamlProblemAt(issue: Issue): { line: number; col: number } | undefined {
  const m = /^YAML tab, line (\d+), column (\d+): /.exec(issue.message);
  return m ? { line: Number(m[1]), col: Number(m[2]) } : undefined;
}

const count = (n: number) => (n === 1 ? '1 error' : `${n} errors`);

/** The header's state while the text is refused (instead of "All changes saved"). */
export function yamlHeaderState(errors: number): string {
  return `YAML not applied: ${count(errors)}`;
}

/** Why Save (and Deploy) refuse while the text is refused, naming the first problem. */
export function yamlSaveRefusal(problems: readonly Issue[]): string {
  const first = (problems[0]?.message.slice(YAML_PROBLEM_PREFIX.length) ?? '').replace(/\.$/, '');
  return `The YAML tab's text has ${count(problems.length)} and is not on the canvas (${first}). Fix it, or replace it with the canvas, then save.`;
}
