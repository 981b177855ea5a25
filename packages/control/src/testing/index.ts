export { type ControlTest, ensureSleeperImage, manifestOf, removeInstanceObjects, setupControlTest, SLEEPER_IMAGE, sleeperClass } from './control-test';
