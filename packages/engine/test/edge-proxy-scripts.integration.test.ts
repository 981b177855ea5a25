// The edge proxy's own scripts, run in its image: the pieces every start and every re-point use.
// A target that does not resolve yet (a network joined a moment ago, a VDC with no replica) must
// give an empty list of seed servers, not stop the script that asked (they run under set -e).
import Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { edgeProxyImage } from '../src/edge/edge-listeners';

const docker = new Dockerode();

/** Runs `script` with bash in a throwaway edge-proxy container; returns its exit code and output. */
async function inEdgeImage(script: string): Promise<{ code: number; output: string }> {
  const container = await docker.createContainer({
    Image: edgeProxyImage(),
    Entrypoint: ['bash', '-c', script],
    Labels: { 'colo.test': 'edge-proxy-scripts' },
  });
  try {
    await container.start();
    const { StatusCode } = await container.wait();
    const logs = (await container.logs({ stdout: true, stderr: true })) as unknown as Buffer;
    return { code: StatusCode, output: logs.toString('utf8').replace(/[^\x20-\x7e\n]/g, '') };
  } finally {
    await container.remove({ force: true });
  }
}

describe('edge proxy scripts', () => {
  it('resolve no seeds for a name that does not answer, under set -e, and go on', async () => {
    const res = await inEdgeImage(
      'set -euo pipefail; source /usr/local/lib/colo-edge/render-config.sh; seeds=$(resolve_seeds no-such-target.invalid); echo "seeds=[$seeds]"; seeds=$(resolve_seeds localhost); echo "local=[$seeds]"',
    );
    expect(res.output).toContain('seeds=[]');
    expect(res.output).toContain('local=[127.0.0.1 ]');
    expect(res.code, res.output).toBe(0);
  });
});
