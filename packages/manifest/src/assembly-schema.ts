// An assembly (SPEC: "a reusable sub-graph"): appliances and their wires saved as one catalog item.
// On a canvas it is one box whose terminals are the interior terminals chosen as its boundary and
// whose properties are the interior properties it exposes; at deploy it expands (expand-assemblies.ts).
import { z } from 'zod';
import { dnsLabel } from './class-schema';
import { applianceSchema, connectionSchema, ENDPOINT, positionSchema, propertyValueSchema } from './manifest-schema';

export const PROPERTY_NAME = /^[a-z][a-zA-Z0-9_]*$/;

/** A property path inside an assembly: `appliance.property`. */
export const PROPERTY_TARGET = /^([a-z]([a-z0-9-]{0,30}[a-z0-9])?)\.([a-z][a-zA-Z0-9_]*)$/;

export const assemblyTerminalSchema = z.strictObject({
  /** The name the box's terminal has on the canvas. */
  name: dnsLabel,
  /** The interior terminal it stands for: `appliance.terminal`. */
  endpoint: z.string().regex(ENDPOINT, 'must be "appliance.terminal" of an appliance inside the assembly'),
  description: z.string().max(500).optional(),
});

export const assemblyPropertySchema = z.strictObject({
  name: z.string().regex(PROPERTY_NAME, 'must be an identifier starting with a lowercase letter'),
  /** The interior property it sets: `appliance.property`. */
  target: z.string().regex(PROPERTY_TARGET, 'must be "appliance.property" of an appliance inside the assembly'),
  /** Shown instead of the name in the editor. */
  label: z.string().max(80).optional(),
  /** The value when the box does not set it; else the interior appliance's own value. */
  default: propertyValueSchema.optional(),
  description: z.string().max(500).optional(),
});

export const ASSEMBLY_ICONS = ['boxes', 'layers', 'server', 'globe', 'database', 'box'] as const;

export const assemblyDefinitionShape = {
  apiVersion: z.literal('colo/v1', { error: 'must be "colo/v1"' }),
  kind: z.literal('Assembly', { error: 'must be "Assembly"' }),
  /** Shares the catalog's id space with classes: `class: <id>@<version>` places it on a canvas. */
  id: dnsLabel,
  version: z.number().int().min(1).max(1_000_000),
  title: z.string().trim().min(1, 'must not be empty').max(80),
  description: z.string().max(2000).default(''),
  icon: z.enum(ASSEMBLY_ICONS).default('boxes'),
  appliances: z.array(applianceSchema).min(1, 'an assembly holds at least one appliance').max(200),
  connections: z.array(connectionSchema).max(2000).default([]),
  visual: z.record(z.string().max(200), positionSchema).optional(),
  terminals: z.array(assemblyTerminalSchema).max(50).default([]),
  properties: z.array(assemblyPropertySchema).max(100).default([]),
};
export const assemblyDefinitionSchema = z.strictObject(assemblyDefinitionShape);

export type AssemblyDefinition = z.output<typeof assemblyDefinitionSchema>;
export type AssemblyDefinitionInput = z.input<typeof assemblyDefinitionSchema>;
export type AssemblyTerminal = z.output<typeof assemblyTerminalSchema>;
export type AssemblyProperty = z.output<typeof assemblyPropertySchema>;

/** How deep assemblies may nest inside assemblies. */
export const MAX_ASSEMBLY_DEPTH = 4;
