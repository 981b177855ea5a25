// Nodes of a swarm: Colo admins only (and an `admin` token).
import { defineOperation as op } from '../operation';
import { nodeParams } from '../params';
import {
  bootstrapLinkAnswerSchema,
  bootstrapLinkParams,
  drainAnswerSchema,
  drainNodeBody,
  initSwarmAnswerSchema,
  initSwarmBody,
  joinCommandSchema,
  joinQuery,
  labelNodeBody,
  nodeAnswerSchema,
  nodeListSchema,
  removeNodeAnswerSchema,
  removeNodeQuery,
} from '../schemas/nodes';

const admin = { tag: 'Nodes', auth: 'session-or-token', scope: 'admin' } as const;

export const nodeOperations = [
  op({
    method: 'GET', path: '/api/v1/nodes', operationId: 'listNodes', ...admin,
    summary: "Whether Colo's Docker engine is a swarm manager, and every node with state, resources, labels and what runs on it (single host: none, and this machine)",
    responses: { 200: { description: 'the status and nodes', json: nodeListSchema } }, errors: ['forbidden'],
  }),
  op({
    method: 'POST', path: '/api/v1/nodes/init', operationId: 'initSwarm', ...admin,
    summary: "Initialises a swarm on Colo's Docker engine, or adopts the one it already manages", body: initSwarmBody,
    responses: { 200: { description: 'the status after', json: initSwarmAnswerSchema } }, errors: ['forbidden'],
  }),
  op({
    method: 'GET', path: '/api/v1/nodes/join', operationId: 'nodeJoinCommand', ...admin,
    summary: "The command that joins a new machine to the swarm (a worker unless told), with a new one-use link to Colo's bootstrap images and the one line that loads them and joins", query: joinQuery,
    responses: { 200: { description: 'the join command', json: joinCommandSchema } }, errors: ['forbidden'],
  }),
  op({
    method: 'POST', path: '/api/v1/nodes/bootstrap', operationId: 'createNodeBootstrapLink', ...admin,
    summary: "A one-use link (30 minutes) that streams Colo's bootstrap images to a new machine; on a single host too, to load them ahead",
    responses: { 200: { description: 'the link and the command that loads it', json: bootstrapLinkAnswerSchema } }, errors: ['forbidden'],
  }),
  op({
    method: 'GET', path: '/api/v1/nodes/bootstrap/{token}', operationId: 'nodeBootstrapImages', tag: 'Nodes', auth: 'link',
    summary: "`docker save` of Colo's bootstrap images (registry relay, share) as a tar, for `curl -fsS <url> | docker load` on a machine joining the swarm",
    description:
      'Authenticated by the secret in the path alone: the machine joining has no Colo account, and must not be given a token. The link serves once (used up when the stream starts, given back if it cannot start) and expires; a wrong, used or expired one is 404 with the reason in words.',
    params: bootstrapLinkParams,
    responses: { 200: { description: 'the images, as `docker load` reads them', media: 'application/x-tar' } }, errors: ['not_found', 'docker_error', 'worker_unavailable'],
  }),
  op({
    method: 'POST', path: '/api/v1/nodes/{node}/drain', operationId: 'drainNode', ...admin,
    summary: 'Drains a node and waits (bounded) until Swarm has moved its tasks; names the appliances held there by their data', params: nodeParams, body: drainNodeBody,
    responses: { 200: { description: 'what moved and what could not', json: drainAnswerSchema } }, errors: ['forbidden', 'not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/nodes/{node}/activate', operationId: 'activateNode', ...admin,
    summary: 'Puts a drained or paused node back to work', params: nodeParams,
    responses: { 200: { description: 'the node', json: nodeAnswerSchema } }, errors: ['forbidden', 'not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/nodes/{node}/labels', operationId: 'labelNode', ...admin,
    summary: "Adds and removes a node's labels", params: nodeParams, body: labelNodeBody,
    responses: { 200: { description: 'the node', json: nodeAnswerSchema } }, errors: ['forbidden', 'not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/nodes/{node}', operationId: 'removeNode', ...admin,
    summary: 'Removes a drained, empty worker that has left (force: one that is down)', params: nodeParams, query: removeNodeQuery,
    responses: { 200: { description: 'the node removed', json: removeNodeAnswerSchema } }, errors: ['forbidden', 'not_found'],
  }),
];
