// What the classes pages show, as `GET /api/v1/classes` and `GET /api/v1/classes/:id` answer.
export interface ClassSummary {
  id: string;
  title: string;
  /** The version followers (appliances naming the class without `@N`) use. */
  head: number;
  versions: number[];
}

export interface ClassUse {
  vdc: string;
  appliances: string[];
  containers: number;
  /** The VDC names the version (`web-php@2`): a rollout never moves it. */
  pinned: boolean;
}

export interface ClassVersionBody {
  version: number;
  source: 'stock' | 'committed';
  image: string;
  head: boolean;
  note: string;
  createdBy: string;
  createdAt: string | null;
  baseVersion: number | null;
  usedBy: ClassUse[];
  /** Other users' VDCs using it: counted, not named. */
  usedByOthers: number;
}

export interface ClassViewBody {
  id: string;
  title: string;
  head: number;
  versions: ClassVersionBody[];
  prototype: { version: number; online: boolean; running: boolean } | null;
}

/** The deploys a commit or rollback started: one per running VDC that follows the class. */
export interface RolloutBody {
  classId: string;
  version: number;
  deploys: { vdc: string; operationId?: string; refused?: string }[];
}
