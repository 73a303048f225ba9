import { describe, expect, it } from 'vitest';
import { ManualClock } from '../test/manual-clock.js';
import { StreamWatchdog, type TimeoutKind } from './watchdog.js';

function setup() {
  const clock = new ManualClock();
  const fired: Array<[TimeoutKind, number, number]> = [];
  const dog = new StreamWatchdog(clock, 1000, 500, (kind, ms) => fired.push([kind, ms, clock.now()]));
  return { clock, fired, dog };
}

describe('StreamWatchdog', () => {
  it('fires the first-event timeout when nothing arrives', () => {
    const { clock, fired, dog } = setup();
    dog.start();
    clock.advance(999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([['first-event', 1000, 1000]]);
  });

  it('switches to the idle deadline after the first event and resets it with every event', () => {
    const { clock, fired, dog } = setup();
    dog.start();
    clock.advance(900);
    dog.received();
    for (let i = 0; i < 10; i++) {
      dog.waiting();
      clock.advance(400);
      dog.received();
    }
    expect(fired).toEqual([]);
    dog.waiting();
    clock.advance(500);
    expect(fired).toEqual([['idle', 500, clock.now()]]);
  });

  it('does not count time the consumer holds an event', () => {
    const { clock, fired, dog } = setup();
    dog.start();
    dog.received();
    clock.advance(5000);
    expect(fired).toEqual([]);
    dog.waiting();
    clock.advance(499);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired.map((f) => f[0])).toEqual(['idle']);
  });

  it('keeps a single timer however many events arrive, and none after stop', () => {
    const { clock, fired, dog } = setup();
    dog.start();
    for (let i = 0; i < 1000; i++) {
      dog.waiting();
      dog.received();
    }
    expect(clock.pending).toBe(1);
    dog.stop();
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(fired).toEqual([]);
  });
});

describe('StreamWatchdog timers', () => {
  it('holds no timer while the consumer holds an event, and re-arms when it waits again', () => {
    const { clock, fired, dog } = setup();
    dog.start();
    dog.received();
    clock.advance(600);
    expect(clock.pending).toBe(0);
    dog.waiting();
    expect(clock.pending).toBe(1);
    clock.advance(500);
    expect(fired.map((f) => f[0])).toEqual(['idle']);
  });
});
