// @colo/canvas: the editor's document model — the manifest plus its layout, conversions to and
// from canvas nodes and edges, commands, undo history, copy/paste and auto-layout. Pure
// TypeScript: no React, no I/O; wiring rules come from @colo/manifest.
export * from './editor-doc';
export * from './flow';
export * from './node-geometry';
export * from './fresh-name';
export * from './free-spot';
export * from './history';
export * from './layout';
export * from './yaml-text';
export * from './problems';
export * from './commands/edit';
export * from './commands/add-appliance';
export * from './commands/update-appliance';
export * from './commands/rename-appliance';
export * from './commands/wiring';
export * from './commands/remove-items';
export * from './commands/move-appliances';
export * from './commands/fragment';
export * from './assembly/boundary-candidates';
export * from './assembly/property-candidates';
export * from './assembly/assembly-from-selection';
export * from './assembly/replace-with-box';
export * from './commands/placement-form';
