/**
 * A small argument parser for `xborder GROUP COMMAND ARGS... [--options]`:
 * commands are declared as data (path, positional arguments, options, help
 * text), options may come anywhere, `--name value` and `--name=value` both
 * work, and `--` ends the options.
 */

export interface OptionSpec {
  /** Without the dashes: `org`, `from-block`. */
  name: string;
  /** Placeholder of its value (`ORG`); absent for a flag. */
  value?: string;
  description: string;
}

export interface ArgumentSpec {
  name: string;
  description: string;
}

export interface CommandSpec {
  /** The words that name it: `['tokens', 'balance']`. */
  path: readonly string[];
  args: readonly ArgumentSpec[];
  options?: readonly OptionSpec[];
  summary: string;
  /** More help text below the usage line. */
  details?: string;
  examples?: readonly string[];
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'org', value: 'ORG', description: 'organisation whose connection profile to use: cnbank, usbank, jpbank, clearinghouse (default cnbank)' },
  { name: 'identity', value: 'NAME', description: "identity from the profile's identities: user1 (default), operator, verifier, issuer, ..." },
  { name: 'connection-dir', value: 'DIR', description: 'directory of the <org>.json connection profiles (default network/.run/connection)' },
  {
    name: 'after',
    value: 'TOKEN',
    description: "read only from a peer that has committed this block: a consistency token (block number) from another organisation's write",
  },
  { name: 'json', description: 'print JSON instead of text' },
  { name: 'help', description: 'show help' },
];

export type Options = Record<string, string | true>;

export type ParsedArgs<C extends CommandSpec = CommandSpec> =
  | { kind: 'help'; command?: C; group?: string }
  | { kind: 'run'; command: C; args: Record<string, string>; options: Options };

/** Wrong usage: the message says what is wrong; the caller shows where to get help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses `argv` (without node and the script) against `commands`.
 *
 * @example
 * parseArgs(['--org', 'usbank', 'tokens', 'balance', 'ACME', 'USD'], COMMANDS);
 * // { kind: 'run', command: <tokens balance>, args: { PARTY: 'ACME', CURRENCY: 'USD' }, options: { org: 'usbank' } }
 */
export function parseArgs<C extends CommandSpec>(argv: readonly string[], commands: readonly C[]): ParsedArgs<C> {
  const known = new Map<string, OptionSpec>();
  for (const option of [...GLOBAL_OPTIONS, ...commands.flatMap((c) => c.options ?? [])]) {
    known.set(option.name, option);
  }
  const options: Options = {};
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h') {
      options.help = true;
      continue;
    }
    if (!token.startsWith('--') || token === '--') {
      words.push(token);
      continue;
    }
    const [name, inline] = splitOption(token.slice(2));
    const spec = known.get(name);
    if (!spec) {
      throw new UsageError(`unknown option --${name}`);
    }
    if (spec.value === undefined) {
      if (inline !== undefined) {
        throw new UsageError(`--${name} takes no value`);
      }
      options[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value (${spec.value})`);
    }
    options[name] = value;
  }

  const command = longestMatch(words, commands);
  if (!command) {
    const group = words[0];
    if (group === undefined || options.help === true) {
      if (group !== undefined && !commands.some((c) => c.path[0] === group)) {
        throw new UsageError(`unknown command '${group}'`);
      }
      return group === undefined ? { kind: 'help' } : { kind: 'help', group };
    }
    const inGroup = commands.filter((c) => c.path[0] === group);
    if (inGroup.length === 0) {
      throw new UsageError(`unknown command '${group}'`);
    }
    const sub = words[1];
    throw new UsageError(
      sub === undefined
        ? `'${group}' needs a command: ${inGroup.map((c) => c.path.slice(1).join(' ')).join(', ')}`
        : `unknown command '${group} ${sub}'; '${group}' has: ${inGroup.map((c) => c.path.slice(1).join(' ')).join(', ')}`,
    );
  }
  if (options.help === true) {
    return { kind: 'help', command };
  }
  const allowed = new Set([...GLOBAL_OPTIONS, ...(command.options ?? [])].map((o) => o.name));
  for (const name of Object.keys(options)) {
    if (!allowed.has(name)) {
      throw new UsageError(`${command.path.join(' ')} does not take --${name}`);
    }
  }
  const positional = words.slice(command.path.length);
  if (positional.length !== command.args.length) {
    const expected = command.args.map((a) => a.name).join(' ');
    throw new UsageError(
      positional.length < command.args.length
        ? `${command.path.join(' ')} needs ${command.args.slice(positional.length).map((a) => a.name).join(' ')} (usage: xborder ${command.path.join(' ')} ${expected})`
        : `${command.path.join(' ')} takes ${command.args.length === 0 ? 'no arguments' : expected}, got extra '${positional[command.args.length]}'`,
    );
  }
  const args = Object.fromEntries(command.args.map((spec, i) => [spec.name, positional[i]]));
  return { kind: 'run', command, args, options };
}

/** A non-negative integer option, or `fallback` when absent. */
export function integerOption(options: Options, name: string, fallback?: number): number | undefined {
  const value = options[name];
  if (value === undefined) {
    return fallback;
  }
  if (value === true || !/^(0|[1-9][0-9]{0,15})$/.test(value)) {
    throw new UsageError(`--${name} must be a non-negative integer, got '${String(value)}'`);
  }
  return Number(value);
}

/** A string option, or `fallback` when absent. */
export function stringOption(options: Options, name: string, fallback?: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : fallback;
}

function splitOption(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

function longestMatch<C extends CommandSpec>(words: readonly string[], commands: readonly C[]): C | undefined {
  let best: C | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => words[i] === word);
    if (matches && (!best || command.path.length > best.path.length)) {
      best = command;
    }
  }
  return best;
}

/** The help of the whole CLI, of one group, or of one command. */
export function renderHelp(commands: readonly CommandSpec[], target: { command?: CommandSpec; group?: string } = {}): string {
  const optionLines = (specs: readonly OptionSpec[]): string[] => {
    const labels = specs.map((o) => `--${o.name}${o.value ? ` ${o.value}` : ''}`);
    const width = Math.max(...labels.map((l) => l.length));
    return specs.map((o, i) => `  ${labels[i].padEnd(width)}  ${o.description}`);
  };
  const commandLines = (list: readonly CommandSpec[]): string[] => {
    const labels = list.map((c) => [...c.path, ...c.args.map((a) => a.name)].join(' '));
    const width = Math.max(...labels.map((l) => l.length));
    return list.map((c, i) => `  ${labels[i].padEnd(width)}  ${c.summary}`);
  };
  const { command, group } = target;
  if (command) {
    const usage = `usage: xborder ${[...command.path, ...command.args.map((a) => a.name)].join(' ')}${command.options?.length ? ' [options]' : ''} [--org ORG] [--identity NAME] [--json]`;
    const lines = [usage, '', command.summary];
    if (command.details) {
      lines.push('', command.details);
    }
    if (command.args.length > 0) {
      const width = Math.max(...command.args.map((a) => a.name.length));
      lines.push('', 'arguments:', ...command.args.map((a) => `  ${a.name.padEnd(width)}  ${a.description}`));
    }
    if (command.options?.length) {
      lines.push('', 'options:', ...optionLines(command.options));
    }
    lines.push('', 'global options:', ...optionLines(GLOBAL_OPTIONS));
    if (command.examples?.length) {
      lines.push('', 'examples:', ...command.examples.map((e) => `  ${e}`));
    }
    return lines.join('\n');
  }
  if (group) {
    return [`usage: xborder ${group} COMMAND [ARGS] [options]`, '', 'commands:', ...commandLines(commands.filter((c) => c.path[0] === group)), '', `Run 'xborder ${group} COMMAND --help' for a command's arguments and options.`].join('\n');
  }
  return [
    'usage: xborder [--org ORG] [--identity NAME] [--json] COMMAND [ARGS]',
    '',
    'Reads the xborder ledger through @xborder/gateway-client as one identity of one member organisation.',
    '',
    'commands:',
    ...commandLines(commands),
    '',
    'global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    "Run 'xborder COMMAND --help' for a command's arguments and options.",
  ].join('\n');
}
