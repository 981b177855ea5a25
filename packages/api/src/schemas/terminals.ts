// A terminal in a deployed appliance's replica (the web page's Terminal button and `colo exec`):
// which replica, what to run, the size; answered as a prototype's terminal is, plus the replica.
import { z } from 'zod';
import { text } from '../common';
import { terminalOpenedSchema, terminalSizeBody } from './classes';

/** A command's words: at most 64 of them, 4 KiB each; never passed through a shell. */
const commandWord = z.string().min(1, 'is empty').max(4096, 'must be at most 4 KiB');

export const applianceTerminalBody = terminalSizeBody
  .extend({
    /** 1-based; unset: the first running replica. */
    replica: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
    /** Unset: the class's shell (bash if the image has it, else sh). */
    command: z.array(commandWord).min(1, 'is empty').max(64, 'must have at most 64 words').optional(),
    /**
     * false (`colo exec` on a pipe): no echo and no `\r\n` for `\n` on the terminal, so output
     * arrives as the program wrote it and a ^D ends its input. Default true.
     */
    tty: z.boolean().optional(),
  })
  .strict();
export type ApplianceTerminalBody = z.infer<typeof applianceTerminalBody>;

export const applianceTerminalOpenedSchema = terminalOpenedSchema.extend({ replica: z.number(), container: text });
export type ApplianceTerminalOpened = z.infer<typeof applianceTerminalOpenedSchema>;
