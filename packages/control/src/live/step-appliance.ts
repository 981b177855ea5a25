// Which appliance an operation step works on, from its key alone: container steps are named
// `container:colo-<key>-<appliance>-<replica>`, appliance stop/start steps `stop:<appliance>`.

export function stepAppliance(stepKey: string, dockerKey: string): string | null {
  const lifecycle = /^(?:stop|start):(.+)$/.exec(stepKey);
  if (lifecycle) return lifecycle[1];
  const prefix = `container:colo-${dockerKey}-`;
  if (!stepKey.startsWith(prefix)) return null;
  const m = /^(.+)-\d+$/.exec(stepKey.slice(prefix.length));
  return m ? m[1] : null;
}
