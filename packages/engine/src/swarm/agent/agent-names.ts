// Names every piece of the node agent agrees on: the service, its secrets' role, the port, and
// the two names its certificates carry. The agent's certificate is one for all nodes, so Colo
// checks the chain and this name, never the address it dialled.
import { DEFAULT_IMAGE_NAMESPACE } from '@colo/manifest';

/** The port the agent listens on, on every address of its node. */
export const DEFAULT_AGENT_PORT = 2378;
/** The agent's server certificate names this (DNS SAN); Colo's client checks it instead of the address. */
export const AGENT_SERVER_NAME = 'colo-node-agent';
/** Colo's client certificate carries this common name; the agent refuses any other, even from Colo's CA. */
export const AGENT_CLIENT_NAME = 'colo-node-agent-client';
export const AGENT_ROLE = 'node-agent';
export const AGENT_SECRET_ROLE = 'node-agent-secret';
/** The version in `templates/system/node-agent/class.yaml`. */
const AGENT_VERSION = 1;

export function nodeAgentImage(namespace: string = DEFAULT_IMAGE_NAMESPACE): string {
  return `${namespace}/node-agent:${AGENT_VERSION}`;
}

export function nodeAgentServiceName(instance: string): string {
  return `colo-${instance}-node-agent`;
}
