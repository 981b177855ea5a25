export { type AgentDockerOptions, type AgentNode, agentDocker } from './agent-docker';
export { AGENT_CLIENT_NAME, AGENT_ROLE, AGENT_SERVER_NAME, DEFAULT_AGENT_PORT, nodeAgentImage, nodeAgentServiceName } from './agent-names';
export { type AgentNodeInfo, listAgentNodes } from './agent-nodes';
export { type AgentClientPems, agentClientPems, issueNodeAgentCertificates, type NodeAgentCertificates, nodeAgentCertificatesStale } from './agent-pki';
export { type AgentSecretRef, type AgentSpecInput, nodeAgentServiceSpec } from './agent-spec';
export { type EnsureNodeAgentOptions, ensureNodeAgent, type NodeAgentState, removeNodeAgent } from './ensure-node-agent';
export { locateTask, pickTask, runningTasks, type SwarmTask, type TaskRef } from './locate-task';
export { createNodeAgents, type LocatedContainer, type NodeAgents, type NodeAgentsOptions } from './node-agents';
export { createNodeAgentEngine, type NodeAgentEngine } from './node-agent-engine';
