'use client';
// "May this wire be drawn?" for the canvas, answered by @colo/manifest's canConnect (the server's
// own rules) and remembered per document: while a wire is dragged every handle asks, and a big
// drawing must not rebuild the validator's model once per handle per frame.
import { type ApplianceClass, type Catalog, type CanConnect, canConnect, protocolsMatch, type TerminalRef } from '@colo/manifest';
import type { EditorDoc } from '@colo/canvas';
import { createContext, useContext, useMemo } from 'react';

export type WireCheck = (from: TerminalRef, to: TerminalRef) => CanConnect;

const NOT_READY: WireCheck = () => ({ ok: false, reason: 'the editor is still loading' });

export const WireCheckContext = createContext<WireCheck>(NOT_READY);

export function useWireCheck(): WireCheck {
  return useContext(WireCheckContext);
}

export function useWireChecker(doc: EditorDoc, catalog: Catalog): WireCheck {
  const manifest = doc.manifest;
  return useMemo(() => {
    const classes = new Map<string, ApplianceClass | undefined>(manifest.appliances.map((a) => [a.name, catalog.get(a.class)]));
    const answers = new Map<string, CanConnect>();
    return (from, to) => {
      const key = `${from.appliance}.${from.terminal}>${to.appliance}.${to.terminal}`;
      const known = answers.get(key);
      if (known) return known;
      const output = classes.get(from.appliance)?.terminals.outputs.find((t) => t.name === from.terminal);
      const input = classes.get(to.appliance)?.terminals.inputs.find((t) => t.name === to.terminal);
      // The cheap refusal first; canConnect words it the same way but builds a whole model.
      const answer: CanConnect =
        output && input && !protocolsMatch(output.protocol, input.protocol)
          ? {
              ok: false,
              reason: `protocols do not match: ${from.appliance}.${from.terminal} speaks ${output.protocol}, ${to.appliance}.${to.terminal} speaks ${input.protocol}`,
            }
          : canConnect(manifest, catalog, from, to);
      answers.set(key, answer);
      return answer;
    };
  }, [manifest, catalog]);
}
