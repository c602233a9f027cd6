import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/api-docs/**', 'coverage/**', 'network/.run/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    // Chaincode, and the model it runs, must be deterministic: every endorser computes the same bytes.
    files: ['chaincode/src/**/*.ts', 'model/src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the transaction timestamp.' },
        { object: 'Math', property: 'random', message: 'Chaincode must be deterministic.' },
        { object: 'JSON', property: 'stringify', message: 'Use canonicalJson() so every endorser writes the same bytes.' },
      ],
      'no-restricted-globals': ['error', 'parseFloat', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
