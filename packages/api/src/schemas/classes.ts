// The catalog and its classes: versions, class patch (prototype, commit, rollback), and the
// terminals a prototype opens.
import { z } from 'zod';
import { text, when } from '../common';
import { assemblySchema } from './assemblies';

const terminalSchema = z.looseObject({ name: text, protocol: z.string().optional() });

export const catalogSchema = z.looseObject({
  classes: z.array(
    z.looseObject({
      id: text,
      version: z.union([z.number(), z.string()]),
      title: z.string().default(''),
      terminals: z
        .looseObject({ inputs: z.array(terminalSchema).default([]), outputs: z.array(terminalSchema).default([]) })
        .default({ inputs: [], outputs: [] }),
    }),
  ),
  /** The version a class id without `@N` means (the head), per class. */
  heads: z.record(z.string(), z.number()).optional(),
  assemblies: z
    .array(
      z.looseObject({
        id: text,
        title: z.string().default(''),
        description: z.string().nullish(),
        /** The stock assembly's file: its text (comments kept), or the parsed object from an older server. */
        manifest: z.unknown().optional(),
      }),
    )
    .default([]),
  /** Assemblies users saved that this user may place, newest version each (absent from an older server). */
  userAssemblies: z.array(assemblySchema).optional(),
  /** Every version of those (and of what they contain) the user may place: assembly definitions. */
  assemblyDefinitions: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type Catalog = z.infer<typeof catalogSchema>;

export const classListSchema = z.looseObject({
  classes: z.array(z.looseObject({ id: text, title: z.string().default(''), head: z.number(), versions: z.array(z.number()) })),
});
export type ClassList = z.infer<typeof classListSchema>;

export const classVersionSchema = z.looseObject({
  version: z.number(),
  /** `stock`: from templates/; `committed`: made from a prototype on this Colo. */
  source: text,
  image: z.string().default(''),
  head: z.boolean(),
  note: z.string().default(''),
  createdBy: z.string().default(''),
  createdAt: when,
  baseVersion: z.number().nullish(),
  usedBy: z.array(z.looseObject({ vdc: text, appliances: z.array(text), containers: z.number(), pinned: z.boolean() })).default([]),
  usedByOthers: z.number().default(0),
});
export type ClassVersion = z.infer<typeof classVersionSchema>;

export const classViewSchema = z.looseObject({
  id: text,
  title: z.string().default(''),
  head: z.number(),
  versions: z.array(classVersionSchema),
  prototype: z.looseObject({ version: z.number(), online: z.boolean(), running: z.boolean() }).nullable(),
});
export type ClassView = z.infer<typeof classViewSchema>;

const version = z.number().int().positive();
export const prototypeOpenBody = z.object({ version: version.optional(), online: z.boolean().default(true) }).strict();
export const prototypeRunBody = z.object({ script: z.string().min(1, 'is empty').max(65_536, 'must be at most 64 KiB') }).strict();
export const classCommitBody = z.object({ note: z.string().max(500, 'must be at most 500 characters').default(''), rollout: z.boolean().default(true) }).strict();
export const classRollbackBody = z.object({ version: version.optional() }).strict();

export const prototypeSchema = z.looseObject({ classId: text, version: z.number(), online: z.boolean(), running: z.boolean() });
export const prototypeDiscardedSchema = z.looseObject({ classId: text, discarded: z.boolean() });
export const prototypeRunSchema = z.looseObject({ classId: text, version: z.number(), exitCode: z.number().nullable(), output: z.string() });

const rolloutSchema = z.looseObject({
  classId: text,
  version: z.number(),
  deploys: z.array(z.looseObject({ vdc: text, operationId: z.string().optional(), refused: z.string().optional() })),
});
export const classCommittedSchema = z.looseObject({ classId: text, version: z.number(), image: z.string(), rollout: rolloutSchema });
export type ClassCommitted = z.infer<typeof classCommittedSchema>;
export const classRolledBackSchema = z.looseObject({ classId: text, version: z.number(), previous: z.number(), rollout: rolloutSchema });
export const classVersionDeletedSchema = z.looseObject({ classId: text, version: z.number(), deleted: z.boolean() });

// Terminals

export const MAX_TERMINAL_INPUT_BYTES = 64 * 1024;

export const terminalSizeBody = z
  .object({
    cols: z.number().int('must be a whole number').min(2, 'must be at least 2').max(500, 'must be at most 500'),
    rows: z.number().int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200'),
  })
  .strict();

/**
 * Any key a keyboard sends, NUL included; at most 64 KiB of UTF-8. `eof: true` (after `data`, if
 * any) ends the program's input: what a pipe's end is to a `colo exec` without a TTY.
 */
export const terminalInputBody = z
  .object({
    data: z
      .string()
      .min(1, 'is empty')
      .max(MAX_TERMINAL_INPUT_BYTES, 'must be at most 64 KiB')
      .refine((s) => new TextEncoder().encode(s).length <= MAX_TERMINAL_INPUT_BYTES, 'must be at most 64 KiB')
      .optional(),
    eof: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => b.data !== undefined || b.eof, { message: 'is missing (or send eof: true)', path: ['data'] });

export const terminalOpenedSchema = z.looseObject({ id: text, title: text });
export const terminalWrittenSchema = z.looseObject({ id: text, bytes: z.number() });
export const terminalResizedSchema = z.looseObject({ id: text, cols: z.number(), rows: z.number() });
export const terminalClosedSchema = z.looseObject({ id: text, closed: z.boolean() });
