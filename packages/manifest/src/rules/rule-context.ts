// What every validation rule receives: the readable model, where to report, and the options.
import type { Catalog } from '../class-schema';
import type { IssueList } from '../issue';
import type { ManifestModel } from '../manifest-model';

export interface ValidateOptions {
  /** 'edit': an unfinished drawing (unwired mandatory outputs only warn). Default 'deploy'. */
  mode?: 'edit' | 'deploy';
  /** Host ports an `expose` may use; default 1024–65535. */
  portRange?: { min: number; max: number };
  /** Host ports already in use, each with who holds it (e.g. `VDC "blog"`). */
  takenPorts?: Map<number, string>;
}

export const DEFAULT_PORT_RANGE = { min: 1024, max: 65535 } as const;

export interface RuleContext {
  model: ManifestModel;
  catalog: Catalog;
  issues: IssueList;
  mode: 'edit' | 'deploy';
  portRange: { min: number; max: number };
  takenPorts: ReadonlyMap<number, string>;
}
