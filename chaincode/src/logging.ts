import { createRequire } from 'node:module';

const LEVEL = Symbol.for('level');
const PATCHED = Symbol.for('xborder.skipDisabledLogLevels');

interface LoggerPrototype {
  write(info: unknown, ...rest: unknown[]): boolean;
  isLevelEnabled(level: string): boolean;
  [PATCHED]?: true;
}

/**
 * Makes fabric-shim's loggers drop a message below their level before
 * formatting it. The shim logs through winston, whose loggers run every
 * message through their whole format (timestamp, metadata, colours, padding,
 * printf) and only then let the transport discard it for its level; the
 * shim writes several debug lines for each state read and write, so at the
 * default level each transaction formatted and threw away dozens of lines:
 * 11-13% of a chaincode server's CPU in a perf profile of transfers
 * (docs/tuning.md). What is printed does not change. Uses the winston that
 * fabric-shim itself loads; does nothing if its Logger is not the expected shape.
 */
export function skipDisabledLogLevels(): void {
  let Logger: { prototype: LoggerPrototype } | undefined;
  try {
    const fromShim = createRequire(require.resolve('fabric-shim'));
    Logger = (fromShim('winston') as { Logger?: { prototype: LoggerPrototype } }).Logger;
  } catch {
    return;
  }
  const proto = Logger?.prototype;
  if (!proto || proto[PATCHED] || typeof proto.write !== 'function' || typeof proto.isLevelEnabled !== 'function') {
    return;
  }
  const write = proto.write;
  proto.write = function (this: LoggerPrototype, info: unknown, ...rest: unknown[]): boolean {
    const level = typeof info === 'object' && info !== null ? (info as Record<symbol, unknown>)[LEVEL] : undefined;
    if (typeof level === 'string' && !this.isLevelEnabled(level)) {
      const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
      if (callback) {
        process.nextTick(callback);
      }
      return true;
    }
    return write.call(this, info, ...rest);
  };
  proto[PATCHED] = true;
}
