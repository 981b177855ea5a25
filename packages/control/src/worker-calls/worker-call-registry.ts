// Every call the web process may ask of the worker: a fixed list of named functions, nothing else.
import type { z } from 'zod';
import { measureSnapshotDataCall, sendSnapshotDataCall } from '../bundles/bundle-data-calls';
import {
  commitPrototypeCall,
  discardPrototypeCall,
  openPrototypeCall,
  openPrototypeShellCall,
  removeClassImageCall,
  runInPrototypeCall,
} from '../classes/prototype-calls';
import {
  activateNodeCall,
  drainNodeCall,
  initSwarmCall,
  joinCommandCall,
  labelNodeCall,
  removeNodeCall,
} from '../nodes/node-calls';
import { sendBootstrapImagesCall } from '../nodes/bootstrap-images';
import { openApplianceShellCall } from '../terminal/appliance-shell-call';

export const WORKER_CALLS = {
  'prototype.open': openPrototypeCall,
  'prototype.run': runInPrototypeCall,
  'prototype.discard': discardPrototypeCall,
  'prototype.commit': commitPrototypeCall,
  'prototype.shell': openPrototypeShellCall,
  'appliance.shell': openApplianceShellCall,
  'class-version.remove-image': removeClassImageCall,
  'bundle-data.measure': measureSnapshotDataCall,
  'bundle-data.send': sendSnapshotDataCall,
  'nodes.init': initSwarmCall,
  'nodes.join': joinCommandCall,
  'nodes.drain': drainNodeCall,
  'nodes.activate': activateNodeCall,
  'nodes.label': labelNodeCall,
  'nodes.remove': removeNodeCall,
  'nodes.bootstrap-images': sendBootstrapImagesCall,
} as const;

export type WorkerCallName = keyof typeof WORKER_CALLS;
export type WorkerCallInput<N extends WorkerCallName> = z.input<(typeof WORKER_CALLS)[N]['input']>;
export type WorkerCallOutput<N extends WorkerCallName> = Awaited<ReturnType<(typeof WORKER_CALLS)[N]['run']>>;

export function isWorkerCallName(name: string): name is WorkerCallName {
  return Object.hasOwn(WORKER_CALLS, name);
}
