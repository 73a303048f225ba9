#!/usr/bin/env node
// Rewrites outcrop.schema.json from the zod schemas (run `pnpm generate:schema` after changing them;
// test/json-schema.test.ts fails while the committed file is out of date).
import { writeFileSync } from 'node:fs';
import { configJsonSchemaText } from '../dist/index.js';

const target = new URL('../outcrop.schema.json', import.meta.url);
writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${target.pathname}`);
