// The test process is the app here: it hands control its environment, as web and worker do at
// start. Tests change process.env between cases and call resetControlEnv() (or setupControlTest).
import { configureControl } from '@colo/control';

configureControl(process.env);
