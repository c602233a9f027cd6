import { type CommandSpec, integerOption, parseArgs, renderHelp, UsageError } from '../../../cli/src/args';
import { COMMANDS } from '../../../cli/src/commands';

const commands: CommandSpec[] = [
  { path: ['tokens', 'balance'], args: [{ name: 'PARTY', description: 'party id' }, { name: 'CURRENCY', description: 'code' }], summary: 'a balance' },
  { path: ['tokens', 'supply'], args: [{ name: 'CURRENCY', description: 'code' }], summary: 'the supply' },
  {
    path: ['events', 'tail'],
    args: [],
    options: [{ name: 'from-block', value: 'N', description: 'start block' }],
    summary: 'follow events',
  },
];

describe('parseArgs', () => {
  it('finds the command and its arguments, with global options before or after', () => {
    expect(parseArgs(['--org', 'usbank', 'tokens', 'balance', 'ACME', 'USD', '--json'], commands)).toEqual({
      kind: 'run',
      command: commands[0],
      args: { PARTY: 'ACME', CURRENCY: 'USD' },
      options: { org: 'usbank', json: true },
    });
  });

  it('takes --name=value, and -- ends the options so that arguments may start with dashes', () => {
    const parsed = parseArgs(['--identity=verifier', 'tokens', 'balance', '--', '--odd-party', 'JPY'], commands);
    expect(parsed).toMatchObject({ kind: 'run', args: { PARTY: '--odd-party', CURRENCY: 'JPY' }, options: { identity: 'verifier' } });
  });

  it('takes a command option only on its command', () => {
    expect(parseArgs(['events', 'tail', '--from-block', '7'], commands)).toMatchObject({ kind: 'run', options: { 'from-block': '7' } });
    expect(() => parseArgs(['tokens', 'supply', 'USD', '--from-block', '7'], commands)).toThrow('tokens supply does not take --from-block');
  });

  it('asks for help on a bare command line, a group, or a command', () => {
    expect(parseArgs([], commands)).toEqual({ kind: 'help' });
    expect(parseArgs(['--help'], commands)).toEqual({ kind: 'help' });
    expect(parseArgs(['tokens', '--help'], commands)).toEqual({ kind: 'help', group: 'tokens' });
    expect(parseArgs(['tokens', 'balance', '-h'], commands)).toEqual({ kind: 'help', command: commands[0] });
  });

  it.each([
    [['tokens', 'balance', 'ACME'], 'tokens balance needs CURRENCY'],
    [['tokens', 'supply', 'USD', 'JPY'], "tokens supply takes CURRENCY, got extra 'JPY'"],
    [['tokens'], "'tokens' needs a command: balance, supply"],
    [['tokens', 'burn'], "unknown command 'tokens burn'"],
    [['mint'], "unknown command 'mint'"],
    [['--colour', 'tokens'], 'unknown option --colour'],
    [['tokens', 'supply', 'USD', '--org'], '--org needs a value (ORG)'],
    [['tokens', 'supply', 'USD', '--json=yes'], '--json takes no value'],
  ])('rejects %j with a usage error that says what is wrong', (argv, message) => {
    const parse = (): unknown => parseArgs(argv, commands);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });

  it('reads integer options strictly', () => {
    expect(integerOption({ count: '12' }, 'count')).toBe(12);
    expect(integerOption({}, 'count', 5)).toBe(5);
    for (const bad of ['-1', '1.5', '1e3', '012', 'ten']) {
      expect(() => integerOption({ count: bad }, 'count')).toThrow('--count must be a non-negative integer');
    }
  });
});

describe('renderHelp', () => {
  it('lists every command of the CLI with its arguments', () => {
    const help = renderHelp(COMMANDS);
    for (const line of ['kyc status PARTY', 'tokens balance PARTY CURRENCY', 'tokens supply CURRENCY', 'orders list', 'orders show ORDER', 'fx rates PAIR', 'events tail', 'network status']) {
      expect(help).toContain(line);
    }
    expect(help).toContain('--json');
  });

  it('has usage, arguments, options and global options for each command', () => {
    for (const command of COMMANDS) {
      const help = renderHelp(COMMANDS, { command });
      expect(help).toContain(`usage: xborder ${command.path.join(' ')}`);
      expect(help).toContain(command.summary);
      expect(help).toContain('global options:');
      for (const arg of command.args) {
        expect(help).toMatch(new RegExp(`^  ${arg.name} +${arg.description.replace(/[()/.,]/g, '.')}`, 'm'));
      }
      for (const option of command.options ?? []) {
        expect(help).toContain(`--${option.name}`);
      }
    }
  });

  it('lists the commands of a group', () => {
    const help = renderHelp(COMMANDS, { group: 'orders' });
    expect(help).toContain('orders list');
    expect(help).toContain('orders show ORDER');
    expect(help).not.toContain('tokens balance');
  });
});
