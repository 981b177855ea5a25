'use client';
// The errors of each box, by appliance name, for the canvas: a node with errors carries a badge
// and a red outline. A context, so the memoised nodes re-render when problems change without
// the flow's node list being rebuilt.
import { formatIssue, type Issue } from '@colo/manifest';
import { createContext, useContext } from 'react';

export type NodeProblems = ReadonlyMap<string, string[]>;

export const NodeProblemsContext = createContext<NodeProblems>(new Map());

/** The error lines ("web · memory: at most 4Gi") of each appliance the errors name. */
export function nodeProblems(errors: Issue[]): NodeProblems {
  const map = new Map<string, string[]>();
  for (const issue of errors) {
    if (issue.appliance === undefined) continue;
    map.set(issue.appliance, [...(map.get(issue.appliance) ?? []), formatIssue(issue)]);
  }
  return map;
}

export function useNodeProblems(appliance: string): string[] | undefined {
  return useContext(NodeProblemsContext).get(appliance);
}
