// Test material for other workspaces (`@colo/manifest/testing`): the hostile manifests the
// validator must stay cheap on. Never imported by the package itself.
export { HOSTILE_SHAPES, type HostileShape, largestHostile } from './hostile-manifests';
