/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALL_ROLES } from './roles';

// The web app spells roles itself (for guards and menus); the graph's Role enum is the truth.
// Vitest runs in frontend/ (npm test, make frontend-test), beside the repository's schema.graphql.
describe('roles', () => {
  it("lists exactly the schema's Role enum, in its order", () => {
    const schemaText = readFileSync(resolve(process.cwd(), '../schema.graphql'), 'utf8');
    const role = buildSchema(schemaText).getType('Role');
    expect(role && isEnumType(role)).toBe(true);
    const values = isEnumType(role) ? role.getValues().map((value) => value.name) : [];
    expect(values.length).toBeGreaterThan(0);
    expect([...ALL_ROLES]).toEqual(values);
  });
});
