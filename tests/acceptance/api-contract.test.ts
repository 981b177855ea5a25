// Every operation of the OpenAPI document, called once on a real running Colo with valid input:
// the status is the one expected, and the answer passes both the contract's zod schema (what the
// CLI parses with) and the JSON Schema the server itself serves at /api/openapi.json (ajv,
// draft 2020-12). No worker runs, so operations stay queued and no container is made: a 202 or a
// 4xx proves the schema where a success would need a deployed VDC. Destructive calls go to VDCs
// this file made under its own unique names; the database is this file's own. A second, fresh Colo
// (no user yet) answers setup and sign-in, and serves the reference page to that session.
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { randomBytes } from 'node:crypto';
import { API_OPERATIONS, type ApiOperation, ERROR_STATUS, errorBodySchema, errorCodesOf, findOperation, mediaTypes } from '@colo/api';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, freePort, type Service, startWeb } from './harness';
import { type Colo, startColo } from './setup';

const RUN = randomBytes(3).toString('hex');
const vdcName = (what: string) => `apic-${what}-${RUN}`;
const manifest = (name: string) => `apiVersion: colo/v1\nkind: VDC\nname: ${name}\nappliances:\n  - { name: web, class: web-static }\n`;

/** Success answers that only a deployed VDC, a finished operation or an open prototype can give. */
const NOT_CHEAP = [
  'getSnapshot 200',
  'deleteSnapshot 202',
  'restoreSnapshot 202',
  'createEntry 202',
  'getEntry 200',
  'deleteEntry 202',
  'switchEntry 202',
  'openPrototype 200',
  'discardPrototype 200',
  'runInPrototype 200',
  'openPrototypeTerminal 201',
  'openApplianceTerminal 201',
  'commitClassVersion 201',
  'deleteClassVersion 200',
  'rollbackClass 202',
  'terminalOutput 200',
  'closeTerminal 200',
  'terminalInput 200',
  'terminalResize 200',
  'acknowledgeAlert 200',
  // Node changes (and moving an appliance between nodes) need a swarm manager, and the shared
  // host's Docker is never made one.
  'moveAppliance 202',
  'initSwarm 200',
  'nodeJoinCommand 200',
  'drainNode 200',
  'activateNode 200',
  'labelNode 200',
  'removeNode 200',
  // Hundreds of MB of images streamed by the worker (none runs here): tests/acceptance/node-bootstrap.test.ts.
  'nodeBootstrapImages 200',
];

let c: Colo;
let document: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: { schemas: { Error: object } } };
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const exercised = new Set<string>();

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A body sent as it is (an archive upload), with its content type. */
  raw?: { type: string; data: string };
  /** Another credential than the test user's admin token (`null`: none). */
  token?: string | null;
  /** A browser session instead of a token. */
  cookie?: string;
  /** Another Colo than the main one. */
  url?: string;
}

function urlOf(operation: ApiOperation, call: Call): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(call.params?.[name] ?? ''));
  const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
  return `${call.url ?? c.url}${path}${query}`;
}

/** The JSON Schema the served document gives for this answer. */
function servedSchema(operation: ApiOperation, status: number): object | undefined {
  const responses = document.paths[operation.path]?.[operation.method.toLowerCase()]?.responses;
  const content = responses?.[String(status)]?.content;
  if (!content) return undefined;
  const schema = content['application/json']?.schema as { $ref?: string } | undefined;
  return schema?.$ref === '#/components/schemas/Error' ? document.components.schemas.Error : schema;
}

function expectServedSchema(operation: ApiOperation, status: number, body: unknown): void {
  const schema = servedSchema(operation, status);
  expect(schema, `${operation.operationId} ${status}: no JSON schema in the served document`).toBeDefined();
  const validate = ajv.compile(schema as object);
  expect(validate(body) ? [] : validate.errors, `${operation.operationId} ${status} against the served JSON Schema`).toEqual([]);
}

/** Calls the operation, checks status and schema, and returns the parsed JSON (if any). */
// biome-ignore lint/suspicious/noExplicitAny: the test reads fields of answers already checked against their schema
async function call(operationId: string, status: number, input: Call = {}): Promise<any> {
  const operation = findOperation(operationId);
  const token = input.token === undefined && !input.cookie ? c.token : input.token;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (input.cookie) headers.cookie = input.cookie;
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  if (input.raw) headers['content-type'] = input.raw.type;
  const abort = new AbortController();
  const res = await fetch(urlOf(operation, input), {
    method: operation.method,
    headers,
    body: input.raw ? input.raw.data : input.body === undefined ? undefined : JSON.stringify(input.body),
    signal: abort.signal,
  });
  const label = `${operation.method} ${operation.path} (${operationId})`;
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== status) expect(`${res.status} ${await res.text()}`, label).toBe(String(status));
  if (input.token !== null || operation.auth !== 'session-or-token') exercised.add(`${operationId} ${status}`);
  const documented = operation.responses[status as 200];
  if (status >= 400) {
    const body = await res.json();
    const codes = errorCodesOf(operation);
    expect(codes.map((code) => ERROR_STATUS[code]), `${label}: ${status} is not a documented error`).toContain(status);
    expect(codes, `${label}: code ${body.error?.code}`).toContain(body.error?.code);
    expect(errorBodySchema.safeParse(body).error?.issues ?? [], label).toEqual([]);
    expectServedSchema(operation, status, body);
    return body;
  }
  expect(documented, `${label}: ${status} is not a documented answer`).toBeDefined();
  if (status === 204) {
    expect(await res.text(), label).toBe('');
    return undefined;
  }
  const media = mediaTypes(documented?.media).find((m) => type.startsWith(m));
  if (media) {
    if (media === 'text/event-stream') {
      // A live stream: its first bytes are enough.
      const reader = res.body?.getReader();
      const first = await reader?.read();
      expect(new TextDecoder().decode(first?.value).length, label).toBeGreaterThan(0);
      abort.abort();
      return undefined;
    }
    return res.text();
  }
  expect(type, label).toContain('application/json');
  const body = await res.json();
  // The document judges every answer, its own included.
  if (operationId === 'openApiDocument') document = body;
  const parsed = documented?.json?.safeParse(body);
  expect(parsed?.error?.issues ?? [], `${label} against the contract's zod schema`).toEqual([]);
  expectServedSchema(operation, status, body);
  return body;
}

beforeAll(async () => {
  c = await startColo();
  // No worker: operations stay queued, nothing is deployed; this file checks answers, not runs.
  await c.worker.kill('SIGTERM');
});
afterAll(async () => {
  await c?.stop();
});

describe('the API contract on a running Colo', () => {
  it('serves the document and answers the account routes as documented', async () => {
    document = await call('openApiDocument', 200);
    expect(Object.keys(document.paths).length).toBeGreaterThan(30);
    const me = await call('me', 200);
    await call('getUserQuota', 200, { params: { id: me.user.id } });
    await call('setUserQuota', 200, { params: { id: me.user.email }, body: {} });
    await call('listUsers', 200);
    const made = await call('createToken', 201, { body: { name: `apic-${RUN}`, scope: 'read' } });
    await call('listTokens', 200);
    await call('revokeToken', 204, { params: { id: made.info.id } });
    await call('setup', 409, { body: { email: 'x@colo.test', name: 'x', password: 'long enough password' } });
    await call('login', 401, { body: { email: me.user.email, password: 'not the password' } });
    await call('logout', 204);
  });

  it('answers the catalog, the judges and the imports', async () => {
    await call('catalog', 200);
    await call('listClasses', 200);
    await call('getClass', 200, { params: { id: 'web-static' } });
    await call('validateManifest', 200, { body: { manifest: manifest(vdcName('judge')) } });
    await call('hostPorts', 200, { query: { near: '8080,8081' } });
    await call('hostPorts', 400, { query: { near: 'http' } });
    await call('hostPorts', 404, { query: { team: `no-team-${RUN}` } });
    await call('planManifest', 200, { body: { manifest: manifest(vdcName('judge')) } });
    const compose = 'services:\n  web:\n    image: nginx:1.27\n';
    await call('importCompose', 200, { body: { name: vdcName('cdry'), compose, dryRun: true } });
    await call('importCompose', 201, { body: { name: vdcName('cimp'), compose } });
  });

  it('answers every VDC route on a VDC of its own', async () => {
    const name = vdcName('main');
    await call('createVdc', 201, { body: { manifest: manifest(name) } });
    await call('listVdcs', 200);
    await call('getVdc', 200, { params: { name } });
    await call('getVdc', 200, { params: { name }, query: { revision: '1' } });
    await call('updateVdc', 200, { params: { name }, body: { manifest: manifest(name), baseRevision: 1 } });
    await call('listRevisions', 200, { params: { name } });
    await call('planVdc', 200, { params: { name }, body: {} });
    await call('vdcStatus', 200, { params: { name } });
    await call('applianceDetail', 200, { params: { name, appliance: 'web' } });
    await call('applianceLogs', 200, { params: { name, appliance: 'web' }, query: { tail: '5' } });
    await call('vdcLogs', 200, { params: { name }, query: { appliance: 'web', since: '15m', level: 'warn', limit: '5' } });
    await call('vdcLogs', 400, { params: { name }, query: { since: 'soon' } });
    await call('vdcMetrics', 200, { params: { name }, query: { range: '1h', appliance: 'web' } });
    await call('vdcMetrics', 400, { params: { name }, query: { range: '2y' } });
    await call('vdcEvents', 200, { params: { name } });
    await call('exportCompose', 200, { params: { name }, query: { format: 'json' } });
    expect(await call('exportCompose', 200, { params: { name } })).toContain('services:');
    const bundle = await call('exportBundle', 200, { params: { name }, query: { format: 'json' } });
    expect(await call('exportBundle', 200, { params: { name } })).toContain('kind: Bundle');
    await call('importBundle', 200, { body: { bundle: bundle.text, name: vdcName('bdry'), dryRun: true } });
    await call('importBundle', 201, { body: { bundle: bundle.text, name: vdcName('bimp') } });
    // The archive forms: refused here (no snapshot to export, no archive in the upload), by the documented errors.
    await call('exportBundle', 400, { params: { name }, query: { withData: '1' } });
    await call('importBundle', 400, { query: { dryRun: '1' }, raw: { type: 'application/x-tar', data: 'not a tar archive' } });

    await call('listSchedules', 200, { params: { name } });
    const made = await call('createSchedule', 201, { params: { name }, body: { kind: 'snapshot', cron: '0 3 * * *', keep: 3 } });
    await call('updateSchedule', 200, { params: { name, id: made.schedule.id }, body: { enabled: false } });
    await call('deleteSchedule', 200, { params: { name, id: made.schedule.id } });

    const deploy = await call('deployVdc', 202, { params: { name }, body: {} });
    await call('getOperation', 200, { params: { id: deploy.operation.id }, query: { logsAfter: '0' } });
    await call('listVdcOperations', 200, { params: { name } });
    await call('listSnapshots', 200, { params: { name } });
    await call('getSnapshot', 404, { params: { name, number: '1' } });

    // The audit log of all the above: a page, a refusal naming the field, both exports.
    const audit = await call('listAuditEvents', 200, { query: { vdc: name, action: 'deploy', limit: '5' } });
    expect(audit.events.map((e: { action: string }) => e.action)).toContain('deployVdc');
    await call('listAuditEvents', 400, { query: { since: 'soon' } });
    expect(await call('exportAuditEvents', 200, { query: { vdc: name, format: 'csv' } })).toMatch(/^id,at,actor_email,/);
    expect(JSON.parse(await call('exportAuditEvents', 200, { query: { vdc: name, format: 'json' } })).events.length).toBeGreaterThan(0);
  });

  it('queues each lifecycle operation (202) on a VDC of its own', async () => {
    const fresh = async (what: string) => {
      const name = vdcName(what);
      await call('createVdc', 201, { body: { manifest: manifest(name) } });
      return name;
    };
    await call('stopVdc', 202, { params: { name: await fresh('stop') }, body: {} });
    await call('startVdc', 202, { params: { name: await fresh('start') }, body: { appliance: 'web' } });
    await call('destroyVdc', 202, { params: { name: await fresh('destroy') }, body: { purge: true } });
    await call('cloneVdc', 202, { params: { name: await fresh('clone') }, body: { name: vdcName('cloned') } });
    const snap = await fresh('snap');
    await call('takeSnapshot', 202, { params: { name: snap }, body: { note: 'contract' } });
    await call('deleteSnapshot', 404, { params: { name: await fresh('snapdel'), number: '1' } });
    await call('restoreSnapshot', 404, { params: { name: await fresh('restore'), number: '1' } });
    // A misspelt target node is refused, never read as "any node".
    await call('moveAppliance', 400, { params: { name: await fresh('move') }, body: { appliance: 'web', to: 'n2' } });

    const gone = await fresh('rename');
    await call('renameVdc', 200, { params: { name: gone }, body: { name: vdcName('renamed') } });
    await call('deleteVdc', 204, { params: { name: vdcName('renamed') } });
  });

  it('answers the entry routes (404 and 4xx without a running VDC)', async () => {
    await call('listEntries', 200);
    await call('createEntry', 400, { body: { name: `e${RUN}`, port: 40_000 + (Number.parseInt(RUN, 16) % 20_000), vdc: vdcName('main') } });
    await call('getEntry', 404, { params: { name: `e${RUN}` } });
    await call('switchEntry', 404, { params: { name: `e${RUN}` }, body: { vdc: vdcName('main') } });
    await call('deleteEntry', 404, { params: { name: `e${RUN}` } });
  });

  it('answers class patch and terminals without touching a class (404 / 400)', async () => {
    const id = `no-such-class-${RUN}`;
    await call('openPrototype', 404, { params: { id }, body: {} });
    await call('discardPrototype', 404, { params: { id } });
    await call('runInPrototype', 404, { params: { id }, body: { script: 'true' } });
    await call('openPrototypeTerminal', 404, { params: { id }, body: { cols: 80, rows: 24 } });
    await call('commitClassVersion', 404, { params: { id }, body: {} });
    await call('rollbackClass', 404, { params: { id }, body: {} });
    await call('deleteClassVersion', 400, { params: { id: 'web-static', version: '1' } });
    const terminal = `term_${RUN}`;
    await call('terminalOutput', 404, { params: { id: terminal } });
    await call('closeTerminal', 404, { params: { id: terminal } });
    await call('terminalInput', 404, { params: { id: terminal }, body: { data: 'ls\r' } });
    await call('terminalResize', 404, { params: { id: terminal }, body: { cols: 80, rows: 24 } });
    await call('openApplianceTerminal', 404, { params: { name: `no-such-vdc-${RUN}`, appliance: 'web' }, body: { cols: 80, rows: 24, replica: 2 } });
  });

  it('answers the assembly routes on an assembly of its own', async () => {
    const id = `apic-box-${RUN}`;
    const definition = {
      id,
      title: 'Static web behind a balancer',
      appliances: [
        { name: 'lb', class: 'halb' },
        { name: 'web', class: 'web-static' },
      ],
      connections: [{ from: 'lb.out', to: 'web.in' }],
      terminals: [{ name: 'http', endpoint: 'lb.in' }],
    };
    await call('saveAssembly', 201, { body: { assembly: definition, note: 'contract' } });
    await call('listAssemblies', 200);
    await call('getAssembly', 200, { params: { id } });
    await call('getAssemblyVersion', 200, { params: { id, version: '1' } });
    await call('setAssemblySharing', 200, { params: { id }, body: { visibility: 'published' } });
    const exported = await call('exportAssembly', 200, { params: { id }, query: { format: 'json' } });
    expect(await call('exportAssembly', 200, { params: { id } })).toContain(id);
    // This Colo has that version already: nothing is added.
    expect((await call('importAssembly', 201, { body: { bundle: exported.text } })).added).toEqual([]);
    await call('deleteAssembly', 200, { params: { id } });
  });

  it('answers the custom-image allow-list', async () => {
    const image = `apic-${RUN}/none:1`;
    await call('allowCustomImage', 201, { body: { image, note: 'contract' } });
    await call('allowCustomImage', 200, { body: { image } });
    await call('listCustomImages', 200);
    await call('disallowCustomImage', 200, { query: { image } });
    await call('disallowCustomImage', 404, { query: { image } });
  });

  it("answers the alert routes: a VDC's rules, the alerts, a test message, the SMTP settings", async () => {
    const name = vdcName('alerts');
    await call('createVdc', 201, { body: { manifest: manifest(name) } });
    await call('listAlertRules', 200, { params: { name } });
    const made = await call('createAlertRule', 201, { params: { name }, body: { kind: 'unhealthy', thresholdSeconds: 10, channels: [{ type: 'webhook', url: 'http://127.0.0.1:9/hook', format: 'slack' }] } });
    await call('updateAlertRule', 200, { params: { name, id: made.rule.id }, body: { enabled: false } });
    await call('deleteAlertRule', 200, { params: { name, id: made.rule.id } });
    await call('listAlerts', 200, { query: { state: 'all' } });
    // No worker runs here, so no alert exists to acknowledge.
    await call('acknowledgeAlert', 404, { params: { id: `alr_none${RUN}` } });
    // Nothing listens on port 9 here: the answer says the channel did not take it.
    expect((await call('testAlertChannel', 200, { body: { channel: { type: 'webhook', url: 'http://127.0.0.1:9/hook' } } })).ok).toBe(false);
    await call('putSmtpSettings', 200, { body: { host: '127.0.0.1', port: 2525, security: 'none', from: 'colo@example.test' } });
    expect((await call('getSmtpSettings', 200)).smtp).toMatchObject({ host: '127.0.0.1', hasPassword: false });
  });

  it('answers the team routes (a team, its members, an invitation, its quota) and the overview', async () => {
    const slug = `apic-team-${RUN}`;
    await call('createTeam', 201, { body: { slug, name: 'Contract team' } });
    await call('listTeams', 200);
    await call('renameTeam', 200, { params: { team: slug }, body: { name: 'Contract team, renamed' } });
    const invite = await call('createInvite', 201, { params: { team: slug }, body: { role: 'operator', expiresInHours: 2 } });
    expect(invite.url).toContain(`/invite/${invite.token}`);
    expect((await call('previewInvite', 200, { params: { token: invite.token } })).role).toBe('operator');
    const other = c.addUser(`apic-other-${RUN}@colo.test`);
    expect((await call('acceptInvite', 200, { token: other, body: { token: invite.token } })).team.slug).toBe(slug);
    const member = `apic-other-${RUN}@colo.test`;
    expect((await call('setMemberRole', 200, { params: { team: slug, user: member }, body: { role: 'viewer' } })).team.memberList).toHaveLength(2);
    const spare = await call('createInvite', 201, { params: { team: slug }, body: {} });
    expect((await call('revokeInvite', 200, { params: { team: slug, id: spare.invite.id } })).invite.state).toBe('revoked');
    expect((await call('getTeam', 200, { params: { team: slug } })).team.invites.map((i: { state: string }) => i.state).sort()).toEqual(['accepted', 'revoked']);
    await call('removeMember', 200, { params: { team: slug, user: member } });
    await call('setTeamQuota', 200, { params: { team: slug }, body: { containers: 4 } });
    expect((await call('getTeamQuota', 200, { params: { team: slug } })).quota.limits.containers).toBe(4);
    await call('getTeam', 404, { params: { team: slug }, token: other });
    await call('deleteTeam', 200, { params: { team: slug } });
    await call('overview', 200);
  });

  it('answers the node routes on a single host: this machine, and the changes refused in words', async () => {
    const listed = await call('listNodes', 200);
    expect(listed).toMatchObject({ status: { mode: 'single' }, nodes: [] });
    expect(listed.status.host.cpus).toBeGreaterThan(0);
    // Never a swarm on the shared Docker: a pool that is no CIDR is refused before Docker is asked.
    expect((await call('initSwarm', 400, { body: { addressPool: 'not-a-pool' } })).error.message).toContain('addressPool');
    const single = /Colo runs on a single host/;
    expect((await call('nodeJoinCommand', 400, { query: { role: 'worker' } })).error.message).toMatch(single);
    expect((await call('drainNode', 400, { params: { node: 'n1' }, body: { waitSeconds: 1 } })).error.message).toMatch(single);
    expect((await call('activateNode', 400, { params: { node: 'n1' } })).error.message).toMatch(single);
    expect((await call('labelNode', 400, { params: { node: 'n1' }, body: { add: { zone: 'a' } } })).error.message).toMatch(single);
    expect((await call('removeNode', 400, { params: { node: 'n1' }, query: { force: 'false' } })).error.message).toMatch(single);
    // A bootstrap link works on a single host too (to load the images ahead); its GET takes the link alone.
    const { bootstrap } = await call('createNodeBootstrapLink', 200);
    expect(bootstrap.url).toMatch(/\/api\/v1\/nodes\/bootstrap\/cboot_[a-z0-9]{40}$/);
    const wrong = bootstrap.url.split('/').pop().replace(/.$/, (ch: string) => (ch === 'a' ? 'b' : 'a'));
    expect((await call('nodeBootstrapImages', 404, { params: { token: wrong }, token: null })).error.message).toMatch(/^this node bootstrap link is not valid/);
  });

  it('refuses every signed-in operation without credentials, with the documented 401', async () => {
    for (const operation of API_OPERATIONS.filter((o) => o.auth === 'session-or-token')) {
      const params = Object.fromEntries(Object.keys(operation.params?.shape ?? {}).map((k) => [k, '1']));
      await call(operation.operationId, 401, { params, token: null, body: operation.body ? {} : undefined });
    }
  });

});

describe('a fresh Colo: setup, sign-in and the reference page', () => {
  let db: TestDatabase;
  let web: Service;
  let url: string;
  beforeAll(async () => {
    db = await createTestDatabase('api_contract');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    web = await startWeb(port, baseEnv({ DATABASE_URL: db.url }));
  });
  afterAll(async () => {
    await web?.kill('SIGTERM');
    await db?.drop();
  });

  it('answers setup and sign-in as documented, and renders every operation for the session', async () => {
    const email = `first-${RUN}@colo.test`;
    const password = 'a long enough password';
    const origin = { url };
    await call('setup', 201, { ...origin, token: null, body: { email, name: 'First', password } });
    const signIn = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^colo_session=/);
    await call('login', 200, { ...origin, token: null, body: { email, password } });
    // The session reads the document as a token does.
    await call('openApiDocument', 200, { ...origin, cookie });

    const page = await fetch(`${url}/api-reference`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('API reference');
    expect(html).toContain('href="/api-reference"');
    for (const operation of API_OPERATIONS) expect(html, operation.operationId).toContain(`id="${operation.operationId}"`);
    // Signed out, the page sends the visitor to sign in instead.
    const signedOut = await fetch(`${url}/api-reference`, { redirect: 'manual' });
    expect(signedOut.status).toBeGreaterThanOrEqual(300);
    expect(signedOut.status).toBeLessThan(400);
  });
});

describe('coverage', () => {
  it('has exercised every operation, and every documented success answer but the ones listed', () => {
    const missing = API_OPERATIONS.filter((o) => ![...exercised].some((e) => e.startsWith(`${o.operationId} `))).map((o) => o.operationId);
    expect(missing).toEqual([]);
    const successes = API_OPERATIONS.flatMap((o) => Object.keys(o.responses).map((s) => `${o.operationId} ${s}`));
    const unproven = successes.filter((s) => !exercised.has(s));
    expect(unproven.sort()).toEqual([...NOT_CHEAP].sort());
  });
});
