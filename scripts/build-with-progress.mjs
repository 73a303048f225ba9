#!/usr/bin/env node
// Builds what one entry point needs (turbo, cached) before `pnpm start`, `pnpm outcrop` or `pnpm emulator` runs
// it, and says so on stderr as it goes: a first run compiles every package for a minute or two, which used to be
// silent. Turbo's own output is kept and printed whole only if the build fails.
// Usage: node scripts/build-with-progress.mjs <what, for people> <turbo filter>
import { spawn } from 'node:child_process';

const [what, filter] = process.argv.slice(2);
if (!what || !filter) {
  process.stderr.write('usage: build-with-progress.mjs <what> <turbo filter>\n');
  process.exit(2);
}

const started = Date.now();
const say = (line) => process.stderr.write(`outcrop: ${line}\n`);
const turbo = spawn(
  'turbo',
  ['run', 'build', `--filter=${filter}`, '--output-logs=new-only', '--log-order=stream'],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  },
);

let output = '';
let built = 0;
let pending = '';
const onData = (chunk) => {
  output += chunk;
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    // "@outcrop/discovery:build: cache miss, executing 1a2b…": one package starts compiling.
    const miss = /^(@[\w-]+\/[\w-]+):build: cache (?:miss|bypass)/.exec(line);
    if (!miss) continue;
    if (built++ === 0)
      say(`building ${what} (the first run compiles every package it needs; later runs are cached)`);
    say(`  compiling ${miss[1]}`);
  }
};
turbo.stdout.setEncoding('utf8').on('data', onData);
turbo.stderr.setEncoding('utf8').on('data', onData);
turbo.on('error', (err) => {
  say(`cannot run turbo: ${err.message} (run this through pnpm, after \`pnpm install\`)`);
  process.exit(1);
});
turbo.on('close', (code) => {
  if (code !== 0) {
    process.stderr.write(output);
    say(`building ${what} failed (exit ${code}); turbo's output is above`);
    process.exit(code ?? 1);
  }
  if (built > 0)
    say(`built ${built} package${built === 1 ? '' : 's'} in ${Math.round((Date.now() - started) / 1000)} s`);
});
