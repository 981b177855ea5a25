export { CHEAP_SCRYPT_COST, useCheapPasswordHashes } from './cheap-passwords';
export { type ControlTest, type ControlTestOptions, ensureSleeperImage, manifestOf, removeInstanceObjects, setupControlTest, SLEEPER_IMAGE, sleeperClass, useTestCatalog } from './control-test';
export { failure } from './failure';
export { type ReadOnlyRuntime, readOnlyRuntime } from './web-runtime';
export { resetControlEnv } from '../config';
