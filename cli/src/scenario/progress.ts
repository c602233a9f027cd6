import { formatDuration } from '../format.js';

/** One finished step, as the report lists it. */
export interface StepRecord {
  n: number;
  section: string;
  title: string;
  detail?: string;
  ms: number;
}

/** A step that failed: which one, and the error it failed with. */
export class StepFailure extends Error {
  readonly step: number;
  readonly title: string;

  constructor(step: number, title: string, cause: unknown) {
    super(`step ${step} (${title}) failed`, { cause });
    this.name = 'StepFailure';
    this.step = step;
    this.title = title;
  }
}

/**
 * Prints the scenario as it runs: a heading per section and one line per
 * finished step, numbered, with what it produced and how long it took.
 *
 *   == Onboarding
 *    ✓  3  CNBank onboards Shenzhen Lumen Electronics — SZ-EXPORTER-… VERIFIED (LOW)   1.9s
 */
export class Progress {
  readonly steps: StepRecord[] = [];
  readonly #write: (line: string) => void;
  readonly #clock: () => number;
  #section = '';

  constructor(write: (line: string) => void, clock: () => number = Date.now) {
    this.#write = write;
    this.#clock = clock;
  }

  section(title: string): void {
    this.#section = title;
    this.#write('');
    this.#write(`== ${title}`);
  }

  /** A line that is not a step: a wait, a remark. */
  note(text: string): void {
    this.#write(`    … ${text}`);
  }

  /** Runs `action` as the next step; `describe` turns its result into the line's detail. */
  async step<T>(title: string, action: () => Promise<T>, describe?: (result: T) => string | undefined): Promise<T> {
    const n = this.steps.length + 1;
    const started = this.#clock();
    let result: T;
    try {
      result = await action();
    } catch (err) {
      this.#write(` ✗ ${String(n).padStart(2)}  ${title}`);
      throw new StepFailure(n, title, err);
    }
    const ms = this.#clock() - started;
    const detail = describe?.(result);
    this.steps.push({ n, section: this.#section, title, ...(detail ? { detail } : {}), ms });
    this.#write(` ✓ ${String(n).padStart(2)}  ${title}${detail ? ` — ${detail}` : ''}  (${formatDuration(ms)})`);
    return result;
  }
}
