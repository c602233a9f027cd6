import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { skipDisabledLogLevels } from '../../../chaincode/src/logging';

// The winston fabric-shim loads, as the chaincode server has it.
const winston = createRequire(require.resolve('fabric-shim'))('winston') as typeof import('winston');

/** A logger like fabric-shim's, counting the messages its format sees and keeping what it prints. */
function loggerAt(level: string) {
  const printed: string[] = [];
  let formatted = 0;
  const count = winston.format((info) => {
    formatted += 1;
    return info;
  });
  const logger = winston.createLogger({
    level,
    format: winston.format.combine(count(), winston.format.printf((info) => `${info.level} ${String(info.message)}`)),
    transports: [new winston.transports.Stream({ stream: new Writable({ write: (chunk: Buffer, _encoding, done) => (printed.push(chunk.toString().trim()), done()) }) })],
  });
  return { logger, printed, formatted: () => formatted };
}

describe('skipDisabledLogLevels', () => {
  it('drops messages below the level before formatting them, and prints the rest as before', async () => {
    skipDisabledLogLevels();
    skipDisabledLogLevels(); // once is enough; again changes nothing
    const { logger, printed, formatted } = loggerAt('info');
    logger.debug('dropped');
    logger.log('debug', 'dropped too');
    logger.info('kept');
    logger.warn('kept too', { meta: 1 });
    logger.error({ message: 'an object' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(formatted()).toBe(3);
    expect(printed).toEqual(['info kept', 'warn kept too', 'error an object']);
  });

  it('follows a level changed later', async () => {
    const { logger, printed } = loggerAt('warn');
    logger.info('dropped');
    logger.level = 'debug';
    logger.debug('kept');
    await new Promise((resolve) => setImmediate(resolve));
    expect(printed).toEqual(['debug kept']);
  });
});
