import { afterEach, describe, expect, it } from 'vitest';
import { SHOP_YAML, writeManifest } from '../../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';
import { summarizePlan, textHasSummary } from '../plan-summary';

let server: FakeColo;
afterEach(() => server?.close());

const steps = [
  { action: 'create', kind: 'container', appliance: 'web', name: 'colo-shop-k3x9qa-web-4', reason: 'new replica' },
  { action: 'create', kind: 'container', appliance: 'web', name: 'colo-shop-k3x9qa-web-5', reason: 'new replica' },
  { action: 'recreate', kind: 'container', appliance: 'lb', name: 'colo-shop-k3x9qa-lb-1', reason: 'spec changed' },
];
const text = [
  'Plan for VDC shop (colo-shop-k3x9qa):',
  '    + container colo-shop-k3x9qa-web-4  (new replica)',
  '    + container colo-shop-k3x9qa-web-5  (new replica)',
  '  -/+ container colo-shop-k3x9qa-lb-1   (spec changed)',
  '',
  'Plan: 2 to create, 1 to recreate, 0 to remove, 0 to start.',
].join('\n');
const planAnswer = {
  vdc: 'shop',
  exists: true,
  plan: { steps, summary: { create: 2, recreate: 1, remove: 0, start: 0 } },
  text,
};

describe('colo plan', () => {
  it('posts the manifest to /plan and prints the server\'s plan text, which ends with its summary', async () => {
    server = await startFakeColo({ 'POST /plan': { body: planAnswer } });
    const res = await runCli(['plan', '-f', writeManifest()], { server });
    expect(res).toEqual({ code: 0, stdout: `${text}\n`, stderr: '' });
    expect(server.requests).toMatchObject([{ method: 'POST', path: '/plan', body: { manifest: SHOP_YAML } }]);
  });

  it('adds a summary line when the text has none, and says when the VDC is new', async () => {
    const bare = { vdc: 'shop', exists: false, plan: { steps: steps.slice(0, 2) }, text: '+ web-4\n+ web-5\n' };
    server = await startFakeColo({ 'POST /plan': { body: bare } });
    const res = await runCli(['plan', '-f', writeManifest()], { server });
    expect(res.stdout).toBe('shop is a new VDC: applying creates it\n+ web-4\n+ web-5\nplan: 2 to create\n');
  });

  it('says so when nothing would change', async () => {
    server = await startFakeColo({ 'POST /plan': { body: { vdc: 'shop', exists: true, plan: { steps: [] }, text: '' } } });
    const res = await runCli(['plan', '-f', writeManifest()], { server });
    expect(res.stdout).toBe('plan for shop\nplan: no changes\n');
  });

  it('passes the server answer through with --json', async () => {
    server = await startFakeColo({ 'POST /plan': { body: planAnswer } });
    const res = await runCli(['plan', '-f', writeManifest(), '--json'], { server });
    expect(JSON.parse(res.stdout)).toEqual(planAnswer);
  });

  it('lists every issue of an invalid manifest under the server message', async () => {
    const issues = [
      { path: 'appliances[0].privileged', message: 'Colo never runs privileged containers', severity: 'error' },
      { path: 'name', message: 'must be a DNS label', severity: 'error' },
    ];
    server = await startFakeColo({ 'POST /plan': apiError(400, 'invalid_manifest', 'the manifest is invalid', { issues }) });
    const res = await runCli(['plan', '-f', writeManifest()], { server });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      'error: the manifest is invalid\n  appliances[0].privileged: Colo never runs privileged containers\n  name: must be a DNS label\n',
    );
    const json = await runCli(['plan', '-f', writeManifest(), '--json'], { server });
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'invalid_manifest', message: 'the manifest is invalid', issues } });
  });
});

describe('summarizePlan', () => {
  it('uses the plan\'s own counts, else counts steps by action', () => {
    expect(summarizePlan(planAnswer.plan)).toBe('plan: 2 to create, 1 to recreate, 0 to remove, 0 to start');
    expect(summarizePlan({ steps: [{ action: 'remove' }, { action: 'start' }, { action: 'remove' }] })).toBe('plan: 2 to remove, 1 to start');
    expect(summarizePlan({ steps: [], summary: { create: 0, remove: 0 } })).toBe('plan: no changes');
    expect(summarizePlan('opaque')).toBeUndefined();
  });

  it('recognises a text that already ends with its summary', () => {
    expect(textHasSummary(text)).toBe(true);
    expect(textHasSummary('No changes: VDC shop (colo-shop-k3x9qa) is up to date.')).toBe(true);
    expect(textHasSummary('+ web-4\n')).toBe(false);
  });
});
