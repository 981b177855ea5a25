// Audit actions in words for the page: the contract's operation ids (`deployVdc`), the named
// events (`signIn`) and an operation's end (`deployFinished`) become "deploy", "sign in",
// "deploy finished". An id this table does not know yet is split into words, never hidden.
const PHRASES: Record<string, string> = {
  signIn: 'sign in',
  login: 'sign in',
  setupFirstAdmin: 'first-run setup',
  setup: 'first-run setup',
  logout: 'sign out',
  createToken: 'create API token',
  revokeToken: 'revoke API token',
  setUserQuota: 'set quota',
  createVdc: 'create VDC',
  updateVdc: 'save',
  renameVdc: 'rename',
  deleteVdc: 'delete VDC',
  planVdc: 'plan',
  deployVdc: 'deploy',
  stopVdc: 'stop',
  startVdc: 'start',
  destroyVdc: 'destroy',
  cloneVdc: 'clone',
  takeSnapshot: 'snapshot',
  deleteSnapshot: 'delete snapshot',
  restoreSnapshot: 'restore',
  createSchedule: 'add schedule',
  updateSchedule: 'change schedule',
  deleteSchedule: 'remove schedule',
  createEntry: 'create entry',
  switchEntry: 'switch entry',
  deleteEntry: 'delete entry',
  importCompose: 'import compose file',
  importBundle: 'import bundle',
  validateManifest: 'validate',
  planManifest: 'plan',
  saveAssembly: 'save assembly',
  deleteAssembly: 'delete assembly',
  setAssemblySharing: 'share assembly',
  importAssembly: 'import assembly',
  commitClassVersion: 'commit class version',
  deleteClassVersion: 'delete class version',
  rollbackClass: 'roll back class',
  openPrototype: 'open prototype',
  discardPrototype: 'discard prototype',
  runInPrototype: 'run in prototype',
  openPrototypeTerminal: 'open prototype terminal',
  closeTerminal: 'close terminal',
  terminalInput: 'terminal input',
  terminalResize: 'resize terminal',
  terminalOpened: 'open terminal',
  openApplianceTerminal: 'open terminal (exec)',
  terminalClosed: 'terminal closed',
  allowCustomImage: 'allow custom image',
  disallowCustomImage: 'disallow custom image',
};

/** Operation kinds as an operation's end names them (`snapshotDelete` of `snapshot_delete`). */
const KINDS: Record<string, string> = {
  snapshotDelete: 'snapshot deletion',
  entrySwitch: 'entry switch',
  entryDelete: 'entry deletion',
  dataImport: 'data import',
};

function words(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}

export function actionPhrase(action: string): string {
  const known = PHRASES[action];
  if (known) return known;
  const finished = /^([a-z][A-Za-z]*)Finished$/.exec(action);
  if (finished) return `${KINDS[finished[1]] ?? words(finished[1])} finished`;
  // A request the contract did not know (`POST /api/v1/…`) is shown as it was recorded.
  return /^[A-Za-z]+$/.test(action) ? words(action) : action;
}
