// Reads the classic builder's progress stream (newline-delimited JSON, split anywhere across
// chunks) into lines, steps and the final error or image id.

/** The daemon colours a RUN step's stderr with terminal escapes; logs and errors want text. */
const TERMINAL_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export interface BuildOutputEvent {
  /** A new Dockerfile step started, e.g. `3/7 : RUN apt-get update …`. */
  step?: string;
  /** One line the build printed. */
  line?: string;
}

export class BuildOutput {
  private pending = '';
  private partialLine = '';
  /** The step running now (and, once the build failed, the step that failed). */
  step?: string;
  error?: string;
  imageId?: string;
  /** The last lines printed, for an error message. */
  readonly tail: string[] = [];

  constructor(private readonly tailSize = 25) {}

  /** Feeds one chunk; returns what it completed. */
  push(chunk: Buffer | string): BuildOutputEvent[] {
    this.pending += chunk.toString();
    const events: BuildOutputEvent[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      const json = this.pending.slice(0, newline).trim();
      this.pending = this.pending.slice(newline + 1);
      if (json !== '') events.push(...this.message(json));
      newline = this.pending.indexOf('\n');
    }
    return events;
  }

  /** Flushes what is left once the stream ended. */
  end(): BuildOutputEvent[] {
    const events = this.pending.trim() === '' ? [] : this.message(this.pending.trim());
    this.pending = '';
    if (this.partialLine !== '') events.push(...this.text(`${this.partialLine}\n`));
    this.partialLine = '';
    return events;
  }

  private message(json: string): BuildOutputEvent[] {
    let msg: { stream?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string }; status?: string };
    try {
      msg = JSON.parse(json);
    } catch {
      return this.text(`${json}\n`);
    }
    if (msg.aux?.ID) this.imageId = msg.aux.ID;
    if (msg.error || msg.errorDetail) {
      this.error = (msg.errorDetail?.message ?? msg.error ?? 'unknown build error').trim();
      return [];
    }
    if (msg.stream) return this.text(msg.stream);
    if (msg.status) return this.text(`${msg.status}\n`);
    return [];
  }

  private text(stream: string): BuildOutputEvent[] {
    const events: BuildOutputEvent[] = [];
    const parts = (this.partialLine + stream).split('\n');
    this.partialLine = parts.pop() ?? '';
    for (const raw of parts) {
      const line = raw.replace(TERMINAL_COLOUR, '').replace(/\r/g, '').trimEnd();
      if (line === '') continue;
      const step = /^Step (\d+\/\d+ : .*)$/.exec(line);
      if (step) {
        this.step = step[1];
        events.push({ step: step[1] });
      }
      this.tail.push(line);
      if (this.tail.length > this.tailSize) this.tail.shift();
      events.push({ line });
    }
    return events;
  }
}
