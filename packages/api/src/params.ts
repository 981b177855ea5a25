// Path parameters as the URL carries them (always text).
import { z } from 'zod';
import { positiveNumberText } from './common';

export const vdcParams = z.object({ name: z.string().describe('the VDC name') });
export const applianceParams = vdcParams.extend({ appliance: z.string().describe('the appliance name') });
export const snapshotParams = vdcParams.extend({ number: positiveNumberText.describe('the snapshot number') });
export const scheduleParams = vdcParams.extend({ id: z.string().describe('the schedule id (sch_…)') });
export const operationParams = z.object({ id: z.string().describe('the operation id (op_…)') });
export const entryParams = z.object({ name: z.string().describe('the entry name') });
export const classParams = z.object({ id: z.string().describe('the class id') });
export const classVersionParams = classParams.extend({ version: positiveNumberText.describe('the class version') });
export const terminalParams = z.object({ id: z.string().describe('the terminal id') });
export const tokenParams = z.object({ id: z.string().describe('the token id') });
export const userParams = z.object({ id: z.string().describe('a user id or an email') });
export const nodeParams = z.object({ node: z.string().describe("a swarm node's id, a unique prefix of it, or its hostname") });
