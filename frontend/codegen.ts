import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator config.
 *
 * - Schema: the root `schema.graphql` exported by the backend. Override with
 *   SCHEMA_PATH (e.g. for local experiments before the backend exports it).
 * - Output: `src/gql/` (committed). `scripts/check-codegen.mjs` overrides it
 *   with CODEGEN_OUT_DIR to regenerate into a temp dir and diff.
 */
const schema = process.env.SCHEMA_PATH ?? '../schema.graphql';
const outDir = process.env.CODEGEN_OUT_DIR ?? './src/gql/';

const config: CodegenConfig = {
  overwrite: true,
  schema,
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    [outDir.endsWith('/') ? outDir : `${outDir}/`]: {
      preset: 'client',
      presetConfig: {
        gqlTagName: 'graphql',
        // Fragments (lib/fragments.ts) share fields, not components: their fields are read in place.
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        onlyOperationTypes: true,
        enumsAsTypes: true,
        avoidOptionals: false,
        defaultScalarType: 'unknown',
        scalars: {
          DateTime: 'string',
          JSON: 'unknown',
          Upload: 'File',
        },
      },
    },
  },
};

export default config;
