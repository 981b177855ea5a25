// Where the cursor is in manifest YAML that is being typed, so half-written text still gets
// completions: one pass over the lines with an indentation stack (block style, the canonical
// form), then the cursor line's own flow brackets (`resources: { cpu: 1, me|`). Cheap and
// forgiving; a text it cannot follow gets no context, never an error.

export interface ApplianceOutline {
  name?: string;
  class?: string;
}

/**
 * `key`: typing a key of the map at `path`; `value`: typing the value at `path` (the key's own
 * path; a list item is `-`). A bare word in a list item (`- we|`) is a `key` in the item, which
 * may also be a value of the list: completions offer both.
 */
export interface YamlContext {
  kind: 'key' | 'value';
  path: string[];
  /** Start of the word being typed, and the word. */
  from: number;
  word: string;
  /** Keys already in the map being typed into (key context). */
  siblings: ReadonlySet<string>;
  /** The appliance the cursor is inside, with what its lines say (filled from the whole text). */
  appliance?: ApplianceOutline;
}

export interface YamlOutline {
  appliances: ApplianceOutline[];
}

interface Frame {
  indent: number;
  seg: string;
  children: Set<string>;
  appliance?: ApplianceOutline;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s:#'"{}[\],][^:#{}[\],]*?)\s*:(?:\s+|$)/;
const WORD = /[\w@./-]*$/;

function unquote(text: string): string {
  const t = text.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** A scalar value as written: comment and quotes off. */
function scalar(text: string): string | undefined {
  const value = unquote(text.replace(/\s+#.*$/, ''));
  return value === '' || /^[{[|>]/.test(value) ? undefined : value;
}

function pathOf(stack: Frame[]): string[] {
  return stack.slice(1).map((f) => f.seg);
}

function applianceOf(stack: Frame[]): ApplianceOutline | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].appliance) return stack[i].appliance;
  return undefined;
}

/** A list item at column `col`: leaves deeper frames and the previous item. */
function enterItem(stack: Frame[], col: number, outline: YamlOutline): Frame {
  while (stack.length > 1 && (stack[stack.length - 1].indent > col || (stack[stack.length - 1].indent === col && stack[stack.length - 1].seg === '-'))) stack.pop();
  const frame: Frame = { indent: col, seg: '-', children: new Set() };
  const path = pathOf(stack);
  if (path.length === 1 && path[0] === 'appliances') {
    frame.appliance = {};
    outline.appliances.push(frame.appliance);
  }
  stack.push(frame);
  return frame;
}

/** A `key:` at column `col`: leaves frames at that column or deeper, records the key. */
function enterKey(stack: Frame[], col: number, key: string, value: string): Frame {
  while (stack.length > 1 && stack[stack.length - 1].indent >= col) stack.pop();
  const parent = stack[stack.length - 1];
  parent.children.add(key);
  if (parent.appliance && (key === 'name' || key === 'class')) parent.appliance[key] = scalar(value);
  const frame: Frame = { indent: col, seg: key, children: new Set() };
  stack.push(frame);
  return frame;
}

/** A flow item `{ name: web, class: web-php }` of appliances, read for its name and class. */
function flowAppliance(frame: Frame, rest: string): void {
  if (!frame.appliance || !rest.startsWith('{')) return;
  frame.appliance.name = /[{,]\s*name:\s*([\w-]+)/.exec(rest)?.[1];
  frame.appliance.class = /[{,]\s*class:\s*([\w@-]+)/.exec(rest)?.[1];
}

/** The block part of a line (dashes, then a key): returns the rest after it and where it starts. */
function readLine(stack: Frame[], line: string, outline: YamlOutline): { rest: string; col: number; key?: string } {
  let col = line.length - line.trimStart().length;
  let rest = line.slice(col);
  while (/^-(\s|$)/.test(rest)) {
    const item = enterItem(stack, col, outline);
    const after = rest.slice(1);
    const pad = after.length - after.trimStart().length;
    col += 1 + pad;
    rest = after.trimStart();
    flowAppliance(item, rest);
  }
  const key = KEY.exec(rest);
  if (!key || rest.startsWith('#')) return { rest, col };
  const name = unquote(key[1]);
  const value = rest.slice(key[0].length);
  enterKey(stack, col, name, value);
  return { rest: value, col: col + key[0].length, key: name };
}

/** The cursor inside flow brackets on its line: `{ terminal: ht|` → value of terminal. */
function flowContext(path: string[], text: string): { kind: 'key' | 'value'; path: string[] } | undefined {
  const frames: { kind: 'map' | 'seq'; key?: string }[] = [];
  let token = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = frames[frames.length - 1];
    if (ch === '{' || ch === '[') frames.push({ kind: ch === '{' ? 'map' : 'seq' });
    else if (ch === '}' || ch === ']') frames.pop();
    else if (ch === ',' && top?.kind === 'map') top.key = undefined;
    else if (ch === ':' && top?.kind === 'map' && /\s|^$/.test(text[i + 1] ?? '')) top.key = unquote(token);
    else {
      token += ch;
      continue;
    }
    token = '';
  }
  if (frames.length === 0) return undefined;
  const full = [...path];
  for (const [i, frame] of frames.entries()) {
    const last = i === frames.length - 1;
    if (frame.kind === 'seq') full.push('-');
    else if (!last || frame.key !== undefined) {
      if (frame.key === undefined) return undefined;
      full.push(frame.key);
    }
  }
  const inner = frames[frames.length - 1];
  return { kind: inner.kind === 'map' && inner.key === undefined ? 'key' : 'value', path: full };
}

/** The outline of `text` (its appliances) and, when `pos` is given, the cursor's context. */
export function yamlContext(text: string, pos?: number): { outline: YamlOutline; context?: YamlContext } {
  const outline: YamlOutline = { appliances: [] };
  const stack: Frame[] = [{ indent: -1, seg: '', children: new Set() }];
  let context: YamlContext | undefined;
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    const here = pos !== undefined && pos >= start && pos <= end ? cursorContext(stack, line.slice(0, pos - start), pos) : undefined;
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) readLine(stack, line, outline);
    if (here) {
      // An item begun on this line is the real pass's, whose name and class later lines fill in.
      context = here.newItem ? { ...here.context, appliance: applianceOf(stack) } : here.context;
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return { outline, context };
}

/** The context at the cursor, reading its line up to there on a copy of the stack. */
function cursorContext(real: Frame[], before: string, pos: number): { context: YamlContext; newItem: boolean } | undefined {
  const stack = [...real];
  const scratch: YamlOutline = { appliances: [] };
  const word = WORD.exec(before)?.[0] ?? '';
  const read = readLine(stack, before, scratch);
  const at = (kind: 'key' | 'value', path: string[], siblings: ReadonlySet<string> = new Set()) => {
    const appliance = applianceOf(stack);
    const newItem = appliance !== undefined && scratch.appliances.includes(appliance);
    return { context: { kind, path, from: pos - word.length, word, siblings, appliance: newItem ? undefined : appliance }, newItem };
  };
  const flow = flowContext(pathOf(stack), read.rest);
  if (flow) return at(flow.kind, flow.path);
  if (read.key !== undefined) return /^["']?[\w@./-]*$/.test(read.rest) ? at('value', pathOf(stack)) : undefined;
  if (!/^[\w@./-]*$/.test(read.rest)) return undefined;
  // A key being typed at this column: its map is the nearest frame left of it.
  while (stack.length > 1 && stack[stack.length - 1].indent >= read.col) stack.pop();
  return at('key', pathOf(stack), stack[stack.length - 1].children);
}
