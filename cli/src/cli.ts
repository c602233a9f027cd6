import { connect, parseConsistencyToken, type XborderClient } from '@xborder/gateway-client';
import { parseArgs, renderHelp, stringOption, UsageError } from './args.js';
import { COMMANDS, type CommandContext } from './commands.js';
import { describeError } from './errors.js';
import { connectionDir, profilePath } from './profiles.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const DEFAULT_ORG = 'cnbank';
const DEFAULT_IDENTITY = 'user1';

/**
 * Runs one `xborder` command line and resolves to its exit code: 0 done,
 * 1 failed (one line on stderr saying why, with the error code), 2 wrong usage.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const clients: XborderClient[] = [];
  try {
    const parsed = parseArgs(argv, COMMANDS);
    if (parsed.kind === 'help') {
      io.stdout(renderHelp(COMMANDS, parsed));
      return 0;
    }
    const { options } = parsed;
    const dir = connectionDir(stringOption(options, 'connection-dir'), io.env, io.cwd);
    const after = afterBlock(stringOption(options, 'after'));
    const context: CommandContext = {
      options,
      json: options.json === true,
      connectionDir: dir,
      async connect(org = stringOption(options, 'org', DEFAULT_ORG) as string) {
        const client = await connect({
          profile: profilePath(dir, org),
          identity: stringOption(options, 'identity', DEFAULT_IDENTITY),
          deadlines: { evaluateMs: 5_000, catchUpMs: 5_000 },
          retry: { maxTransportAttempts: 2 },
        });
        clients.push(client);
        client.consistency.observe(after);
        return client;
      },
      print: io.stdout,
    };
    return (await parsed.command.run(context, parsed.args)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`xborder: ${err.message} (see xborder --help)`);
      return 2;
    }
    io.stderr(`xborder: ${describeError(err)}`);
    return 1;
  } finally {
    for (const client of clients) {
      client.close();
    }
  }
}

/** The block `--after` names, or a usage error for anything but a consistency token. */
function afterBlock(token: string | undefined): bigint | undefined {
  if (token === undefined) {
    return undefined;
  }
  try {
    return parseConsistencyToken(token);
  } catch {
    throw new UsageError(`--after takes a consistency token (a block number such as 1042), got '${token}'`);
  }
}
