// The rules for one wire, shared by the validator and by `canConnect` (graph.ts) so the editor
// refuses exactly the wires the validator would reject.
import type { ApplianceClass, InputTerminal, OutputTerminal, Protocol } from './class-schema';
import { formatEndpoint } from './endpoint';
import type { ManifestModel } from './manifest-model';
import type { TerminalRef } from './resolved';

/**
 * Same protocol, or one side `any`. `fs` is a volume mount, not a network service, so it only
 * ever meets `fs`: an `any` network terminal cannot use a shared volume, nor the other way round.
 */
export function protocolsMatch(output: Protocol, input: Protocol): boolean {
  if (output === input) return true;
  if (output === 'fs' || input === 'fs') return false;
  return output === 'any' || input === 'any';
}

export interface WireProblem {
  /** Which end the problem is on; 'wire' when it is about the pair. */
  end: 'from' | 'to' | 'wire';
  message: string;
}

export interface WireEnds {
  output?: OutputTerminal;
  input?: InputTerminal;
  problems: WireProblem[];
}

type End = { kind: 'output'; terminal: OutputTerminal } | { kind: 'input'; terminal: InputTerminal };

function findTerminal(cls: ApplianceClass, name: string): End | undefined {
  const output = cls.terminals.outputs.find((t) => t.name === name);
  if (output) return { kind: 'output', terminal: output };
  const input = cls.terminals.inputs.find((t) => t.name === name);
  return input ? { kind: 'input', terminal: input } : undefined;
}

/** Resolves one end, reporting what is wrong; undefined terminal when it cannot be judged. */
function resolveEnd(
  model: ManifestModel,
  ref: TerminalRef,
  want: 'output' | 'input',
  end: 'from' | 'to',
  problems: WireProblem[],
) {
  const found = model.lookup(ref.appliance);
  if (found.kind === 'missing') {
    const hint = model.suggestions.didYouMean('appliances', ref.appliance, model.names);
    problems.push({ end, message: `unknown appliance "${ref.appliance}"${hint}` });
    return undefined;
  }
  if (found.kind === 'unreadable' || !found.entry.cls) return undefined;
  const cls = found.entry.cls;
  const terminal = findTerminal(cls, ref.terminal);
  const shown = formatEndpoint(ref);
  if (terminal === undefined) {
    const terminals = want === 'output' ? cls.terminals.outputs : cls.terminals.inputs;
    const hint = model.suggestions.didYouMean(`${want}s of ${cls.id}@${cls.version}`, ref.terminal, () => terminals.map((t) => t.name));
    problems.push({ end, message: `class "${cls.id}" has no ${want} "${ref.terminal}"${hint}` });
    return undefined;
  }
  if (terminal.kind !== want) {
    const rule = want === 'output' ? 'a connection starts at an output' : 'a connection ends at an input';
    problems.push({ end, message: `"${shown}" is an ${terminal.kind}; ${rule}` });
    return undefined;
  }
  return terminal.terminal;
}

/** Everything wrong with a wire `from → to`, except "that output is already wired". */
export function checkWire(model: ManifestModel, from: TerminalRef, to: TerminalRef): WireEnds {
  const problems: WireProblem[] = [];
  const output = resolveEnd(model, from, 'output', 'from', problems) as OutputTerminal | undefined;
  const input = resolveEnd(model, to, 'input', 'to', problems) as InputTerminal | undefined;
  if (from.appliance === to.appliance) {
    problems.push({ end: 'wire', message: `"${from.appliance}" cannot be connected to itself` });
  }
  if (output && input && !protocolsMatch(output.protocol, input.protocol)) {
    problems.push({
      end: 'wire',
      message: `protocols do not match: ${formatEndpoint(from)} speaks ${output.protocol}, ${formatEndpoint(to)} speaks ${input.protocol}`,
    });
  }
  return { output, input, problems };
}
