'use client';
// The nodes a move may go to, read from the nodes API: ready, active ones (not `from`, the node
// holding the data now, when one appliance moves). Only Colo admins list nodes: for anyone else
// `targets` stays undefined and `note` says Colo picks. Shared by the inspector's Move section and
// the VDC-level Move to node….
import type { NodeListAnswer } from '@colo/api';
import { useEffect, useState } from 'react';
import { api, messageOf } from '@/components/deploy/api';
import { ApiError } from '@/components/ui/api-fetch';
import { type MoveTarget, moveTargets } from './data-nodes';

export function useMoveTargets(from: string | undefined): { targets?: MoveTarget[]; note?: string } {
  const [answer, setAnswer] = useState<{ targets?: MoveTarget[]; note?: string }>({ note: 'Reading the nodes…' });
  useEffect(() => {
    const abort = new AbortController();
    api<NodeListAnswer>('/nodes', { signal: abort.signal })
      .then((list) => setAnswer({ targets: moveTargets(list.nodes, from) }))
      .catch((err: Error) => {
        if (err.name === 'AbortError') return;
        const forbidden = err instanceof ApiError && err.status === 403;
        setAnswer({ note: forbidden ? 'Only Colo admins see the nodes: Colo picks the ready node with the least load.' : `The nodes could not be read (${messageOf(err)}): Colo picks.` });
      });
    return () => abort.abort();
  }, [from]);
  return answer;
}
