import { describe, expect, it } from 'vitest';
import { findMarker, parseScenario, ScenarioError, ScenarioSelector, scenarioPresets } from './scenarios.js';

describe('parseScenario', () => {
  it('returns a copy of a preset', () => {
    const scenario = parseScenario(' http-429 ');
    expect(scenario.httpError?.status).toBe(429);
    scenario.httpError!.status = 500;
    expect(scenarioPresets['http-429']!.httpError!.status).toBe(429);
  });
  it('parses and validates JSON', () => {
    expect(
      parseScenario('{"streamException":{"type":"throttlingException","afterEvents":2}}').streamException
        ?.afterEvents,
    ).toBe(2);
    expect(() => parseScenario('{"streamException":{"type":"nope","afterEvents":2}}')).toThrow(
      /streamException.type/,
    );
    expect(() => parseScenario('{"unknownKey":1}')).toThrow(ScenarioError);
    expect(() => parseScenario('{not json')).toThrow(/neither a preset name nor valid JSON/);
    expect(() => parseScenario('no-such-preset')).toThrow(/Unknown scenario preset 'no-such-preset'/);
  });
});

describe('findMarker', () => {
  it('finds a preset marker and removes it', () => {
    expect(findMarker('please [[scenario:stall]] now')).toEqual({ spec: 'stall', rest: 'please  now' });
  });
  it('finds JSON that itself contains ]]', () => {
    const text = '[[scenario:{"reply":"a]]b"}]] tail';
    expect(findMarker(text)).toEqual({ spec: '{"reply":"a]]b"}', rest: 'tail' });
  });
  it('ignores text without a marker', () => {
    expect(findMarker('[[scenario: no end')).toBeUndefined();
    expect(findMarker('plain')).toBeUndefined();
  });
});

describe('ScenarioSelector', () => {
  const body = (text: string) => ({ messages: [{ role: 'user', content: [{ text }] }] });
  it('queue first, then header, then marker; sticky per invocation id', () => {
    const selector = new ScenarioSelector();
    selector.push({ name: 'queued' });
    expect(
      selector.select({ invocationId: 'a', header: 'stall', body: body('[[scenario:truncated]]') })?.name,
    ).toBe('queued');
    expect(selector.select({ invocationId: 'a', body: body('x') })?.name).toBe('queued');
    expect(
      selector.select({ invocationId: 'b', header: 'stall', body: body('[[scenario:truncated]]') })?.name,
    ).toBe('stall');
    expect(selector.select({ invocationId: 'c', body: body('[[scenario:truncated]]') })?.name).toBe(
      'truncated',
    );
    expect(selector.select({ invocationId: 'd', body: body('none') })).toBeUndefined();
  });
  it('rejects an invalid pushed scenario at push time', () => {
    expect(() => new ScenarioSelector().push({ truncateAfterEvents: -1 })).toThrow();
  });
});
