// Node 20 defines Symbol.dispose and Symbol.asyncDispose only in its main realm;
// jest 29 runs each test file in a fresh vm context whose Symbol lacks them, so
// `using` / `await using` would fail there. Define them for the test realm.
const symbols = Symbol as unknown as Record<'dispose' | 'asyncDispose', symbol | undefined>;
for (const name of ['dispose', 'asyncDispose'] as const) {
  if (symbols[name] === undefined) {
    Object.defineProperty(Symbol, name, { value: Symbol(`Symbol.${name}`) });
  }
}
