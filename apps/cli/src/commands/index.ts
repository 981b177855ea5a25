// Every `colo` verb, in the order `colo help` lists them.
import type { Command } from '../command';
import { alerts } from './alerts';
import { apply } from './apply';
import { assemblyCommand } from './assembly';
import { audit } from './audit';
import { exportCommand } from './bundle-export';
import { importCommand } from './bundle-import';
import { catalog } from './catalog';
import { classCommand } from './class';
import { clone } from './clone';
import { compose } from './compose';
import { deploy, rollback } from './deploy';
import { destroy } from './destroy';
import { entry } from './entry';
import { exec } from './exec';
import { diff, history } from './history';
import { upgrade } from './upgrade';
import { helpCommand } from './help';
import { imageCommand } from './image';
import { login } from './login';
import { logs } from './logs';
import { node } from './node';
import { ls } from './ls';
import { move } from './move';
import { op } from './op';
import { ops } from './ops';
import { plan } from './plan';
import { quota } from './quota';
import { schedule } from './schedule';
import { restore, snapshot, snapshots } from './snapshot';
import { start } from './start';
import { status } from './status';
import { team } from './team';
import { top } from './top';
import { stop } from './stop';
import { validate } from './validate';
import { version } from './version';

export const commands: Command[] = [
  login,
  validate,
  plan,
  apply,
  deploy,
  rollback,
  compose,
  exportCommand,
  importCommand,
  ls,
  status,
  top,
  logs,
  exec,
  stop,
  start,
  destroy,
  snapshot,
  snapshots,
  clone,
  restore,
  move,
  schedule,
  alerts,
  entry,
  upgrade,
  history,
  diff,
  catalog,
  assemblyCommand,
  classCommand,
  ops,
  op,
  quota,
  team,
  audit,
  node,
  imageCommand,
  version,
];
commands.push(helpCommand(() => commands));
