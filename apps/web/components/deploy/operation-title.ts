// An operation in words, from its kind and what was asked: "Restore snapshot 2", "Clone to shop-v2".
import type { OperationBody } from './types';

/** `vdc` names a move of the whole VDC ("Move lamp to n3"). */
type Titled = Pick<OperationBody, 'kind' | 'revision' | 'params' | 'result'> & { vdc?: string };

function field(source: unknown, key: string): unknown {
  return source && typeof source === 'object' ? (source as Record<string, unknown>)[key] : undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function operationTitle(op: Titled): string {
  const { params, result } = op;
  const appliance = text(field(params, 'appliance'));
  const snapshot = num(field(params, 'snapshot')) ?? num(field(result, 'snapshot'));
  const entry = text(field(result, 'entry'));
  switch (op.kind) {
    case 'deploy':
      return op.revision != null ? `Deploy revision ${op.revision}` : 'Deploy';
    case 'stop':
    case 'start':
      return `${op.kind === 'stop' ? 'Stop' : 'Start'}${appliance ? ` ${appliance}` : ''}`;
    case 'destroy':
      return field(params, 'purge') === true ? 'Destroy and purge data' : 'Destroy';
    case 'snapshot':
      return snapshot !== undefined ? `Snapshot ${snapshot}` : 'Snapshot';
    case 'snapshot_delete':
      return snapshot !== undefined ? `Delete snapshot ${snapshot}` : 'Delete snapshot';
    case 'restore':
      return snapshot !== undefined ? `Restore snapshot ${snapshot}` : 'Restore';
    case 'clone': {
      const name = text(field(params, 'name')) ?? text(field(result, 'vdc'));
      const from = snapshot !== undefined ? ` from snapshot ${snapshot}` : '';
      return name ? `Clone to ${name}${from}` : `Clone${from}`;
    }
    case 'entry_switch':
      // Created (nothing before) or switched here from another VDC.
      if (field(params, 'from') === null) return entry ? `Create entry ${entry}` : 'Create an entry';
      return entry ? `Switch entry ${entry} here` : 'Switch an entry here';
    case 'entry_delete':
      return entry ? `Remove entry ${entry}` : 'Remove an entry';
    case 'move': {
      // Params say what was asked; the result (once done) may name the node and snapshot Colo picked.
      const node = text(field(params, 'node')) ?? text(field(result, 'node'));
      const onto = node ? ` to ${node}` : '';
      // No appliance: the whole VDC (every appliance that keeps data on a node).
      const what = appliance ?? text(op.vdc) ?? 'the VDC';
      return snapshot !== undefined ? `Restore ${what} from snapshot ${snapshot}${onto || ' onto another node'}` : `Move ${what}${onto}`;
    }
    case 'data_import': {
      const volumes = field(params, 'volumes');
      const count = Array.isArray(volumes) ? volumes.length : undefined;
      return count !== undefined ? `Import data into ${count} volume${count === 1 ? '' : 's'}` : 'Import data';
    }
    default:
      return op.kind.replaceAll('_', ' ');
  }
}
