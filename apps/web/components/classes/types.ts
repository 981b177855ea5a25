// What the classes pages show, as `GET /api/v1/classes` and `GET /api/v1/classes/:id` answer: the
// contract's types (@colo/api).
import type { ClassCommitted, ClassList, ClassVersion, ClassView } from '@colo/api';

export type ClassSummary = ClassList['classes'][number];

export type ClassUse = ClassVersion['usedBy'][number];

export type ClassVersionBody = ClassVersion;

export type ClassViewBody = ClassView;

/** The deploys a commit or rollback started: one per running VDC that follows the class. */
export type RolloutBody = ClassCommitted['rollout'];
