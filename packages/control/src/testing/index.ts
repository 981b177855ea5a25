export { CHEAP_SCRYPT_COST, useCheapPasswordHashes } from './cheap-passwords';
export { type ControlTest, ensureSleeperImage, manifestOf, removeInstanceObjects, setupControlTest, SLEEPER_IMAGE, sleeperClass, useTestCatalog } from './control-test';
export { failure } from './failure';
export { resetControlEnv } from '../config';
