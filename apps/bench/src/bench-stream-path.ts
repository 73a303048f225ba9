// Figure 1: the same 20k-event response consumed five ways; CPU µs per event and events per second.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeConverseClients } from '@outcrop/converse-stream';
import { resolveBedrockConnection } from '@outcrop/credentials';
import type { EmulatorProcess } from './emulator-process.js';
import type { Figure } from './results.js';
import { STREAM_EVENTS, textScriptReply } from './scripts.js';
import { measure, median } from './stats.js';
import { benchOutcrop, type ConsumerSet, createConsumers, pointProcessEnvAt } from './stream-consumers.js';

type Name = 'rawSdk' | 'converseStream' | 'provider' | 'piAi' | 'vercel';
const LABELS: Record<Name, string> = {
  rawSdk: '(a) raw AWS SDK iterator',
  converseStream: '(b) @outcrop/converse-stream',
  provider: '(c) @outcrop/provider stream()',
  piAi: '(d) pi-ai amazon-bedrock',
  vercel: '(e) Vercel @ai-sdk/amazon-bedrock streamText',
};

interface Samples {
  cpuPerEvent: number[];
  eventsPerSecond: number[];
  error?: string;
}

export async function benchStreamPath(
  emulator: EmulatorProcess,
  options: { runs: number; warmup: number; log: (line: string) => void },
): Promise<Figure[]> {
  pointProcessEnvAt(emulator);
  const connection = await resolveBedrockConnection({
    env: emulator.env,
    homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-bench-home-')),
  });
  const consumers: ConsumerSet = createConsumers(emulator, connection, await benchOutcrop(emulator));
  const expected = textScriptReply();
  const names = Object.keys(LABELS) as Name[];
  const samples = Object.fromEntries(
    names.map((n): [Name, Samples] => [n, { cpuPerEvent: [], eventsPerSecond: [] }]),
  ) as Record<Name, Samples>;
  try {
    for (let run = 0; run < options.warmup + options.runs; run++) {
      // Interleave the consumers so drift (JIT, GC, other load on the machine) hits all of them alike.
      for (const name of names) {
        const slot = samples[name];
        if (slot.error) continue;
        await emulator.queue('text20k', 1);
        try {
          const { cpuMicros, wallMs, result } = await measure(consumers[name]);
          if (result !== expected) {
            throw new Error(`assembled ${result.length} chars of text, expected ${expected.length}`);
          }
          if (run >= options.warmup) {
            slot.cpuPerEvent.push(cpuMicros / STREAM_EVENTS);
            slot.eventsPerSecond.push(STREAM_EVENTS / (wallMs / 1000));
          }
        } catch (error) {
          slot.error = (error as Error).message.split('\n')[0];
          options.log(`  ${LABELS[name]} failed: ${slot.error}`);
        }
      }
    }
  } finally {
    consumers.close();
    closeConverseClients();
  }
  for (const name of names) {
    const s = samples[name];
    if (s.cpuPerEvent.length) {
      options.log(
        `  ${LABELS[name].padEnd(46)} ${median(s.cpuPerEvent).toFixed(2)} µs/event CPU, ${Math.round(median(s.eventsPerSecond))} events/s`,
      );
    }
  }
  return figuresFrom(samples, options.runs);
}

function figuresFrom(samples: Record<Name, Samples>, runs: number): Figure[] {
  const names = Object.keys(LABELS) as Name[];
  const group = `Stream path: one ${STREAM_EVENTS.toLocaleString('en-US')}-event response (median of ${runs} runs)`;
  const cpu = (name: Name) =>
    samples[name].cpuPerEvent.length ? median(samples[name].cpuPerEvent) : undefined;
  const rate = (name: Name) =>
    samples[name].eventsPerSecond.length ? median(samples[name].eventsPerSecond) : undefined;
  const missing = (name: Name) => (samples[name].error ? `could not run: ${samples[name].error}` : undefined);
  const raw = cpu('rawSdk');
  const figures: Figure[] = [];
  for (const name of ['rawSdk', 'converseStream', 'provider', 'piAi', 'vercel'] as Name[]) {
    const value = cpu(name);
    const figure: Figure = { group, name: `${LABELS[name]}: CPU per event`, value, unit: 'µs' };
    if (name !== 'rawSdk' && raw !== undefined) figure.baseline = { name: 'raw SDK', value: raw };
    if (name === 'provider') {
      figure.target = '<= 1.2x raw SDK';
      if (value !== undefined && raw !== undefined) figure.met = value <= 1.2 * raw;
    }
    const note = missing(name);
    if (note) figure.note = note;
    figures.push(figure);
  }
  const providerRate = rate('provider');
  for (const name of ['rawSdk', 'converseStream', 'provider', 'piAi', 'vercel'] as Name[]) {
    const value = rate(name);
    const figure: Figure = { group, name: `${LABELS[name]}: events/s`, value, unit: 'events/s' };
    if (name === 'piAi' || name === 'vercel') {
      if (providerRate !== undefined && value !== undefined) {
        // Shown the other way round: the baseline is the peer, the value Outcrop's provider.
        figure.name = `(c) provider events/s vs ${LABELS[name]}`;
        figure.value = providerRate;
        figure.baseline = {
          name: `${name === 'piAi' ? 'pi-ai' : 'Vercel'} ${Math.round(value)} events/s`,
          value,
        };
        figure.target = '>= 2x the peer';
        figure.met = providerRate >= 2 * value;
        const providerCpu = cpu('provider');
        const peerCpu = cpu(name);
        const fastest = Math.max(...names.map((n) => rate(n) ?? 0));
        if (providerCpu !== undefined && peerCpu !== undefined) {
          figure.note =
            `events/s is wall time on 2 shared cores (the emulator child replays pre-rendered bytes; the fastest ` +
            `consumer here reached ${Math.round(fastest).toLocaleString('en-US')} events/s). By CPU per event the ` +
            `provider uses ${(peerCpu / providerCpu).toFixed(2)}x less than the peer.`;
        }
      } else {
        figure.target = '>= 2x the peer';
      }
    } else if (name !== 'rawSdk') {
      const base = rate('rawSdk');
      if (base !== undefined) figure.baseline = { name: 'raw SDK', value: base };
    }
    const note = missing(name);
    if (note) figure.note = note;
    figures.push(figure);
  }
  return figures;
}
