// The one error type the catalog throws: a stable `code`, and for definition errors every problem
// found, each naming its file and the field inside it.

export type CatalogErrorCode =
  /** A class.yaml or assembly file is missing, unreadable or invalid. */
  | 'invalid_catalog'
  /** A class image could not be built. */
  | 'build_failed'
  /** A class names an image that is not on the engine, and there is nothing to build it from. */
  | 'image_missing'
  | 'docker_error';

export interface CatalogProblem {
  /** The file, relative to the templates root where possible: `appliances/halb/class.yaml`. */
  file: string;
  /** Field path inside the file, e.g. `terminals.inputs[0].port`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatProblem(p: CatalogProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}

export class CatalogError extends Error {
  readonly code: CatalogErrorCode;
  readonly problems: CatalogProblem[];
  /** For build errors: the class and the Dockerfile step that failed. */
  readonly classId?: string;
  readonly step?: string;
  /** For build errors: the last lines the build printed. */
  readonly output?: string[];

  constructor(
    code: CatalogErrorCode,
    message: string,
    details: { problems?: CatalogProblem[]; classId?: string; step?: string; output?: string[]; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CatalogError';
    this.code = code;
    this.problems = details.problems ?? [];
    this.classId = details.classId;
    this.step = details.step;
    this.output = details.output;
  }

  /** One error for a list of definition problems; the message lists them all. */
  static invalid(problems: CatalogProblem[]): CatalogError {
    const lines = problems.map(formatProblem);
    const head = problems.length === 1 ? 'invalid catalog' : `invalid catalog (${problems.length} problems)`;
    return new CatalogError('invalid_catalog', `${head}:\n  ${lines.join('\n  ')}`, { problems });
  }
}

export function isCatalogError(error: unknown, code?: CatalogErrorCode): error is CatalogError {
  return error instanceof CatalogError && (code === undefined || error.code === code);
}
