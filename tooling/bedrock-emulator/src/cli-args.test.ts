import { describe, expect, it } from 'vitest';
import { CliUsageError, envLines, parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('has loopback, ephemeral-port defaults', () => {
    expect(parseCliArgs([])).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      region: 'us-east-1',
      allowRemote: false,
    });
  });
  it('reads every option', () => {
    expect(
      parseCliArgs([
        '--port',
        '4010',
        '--host',
        '::1',
        '--region',
        'eu-west-3',
        '--record',
        '--event-delay',
        '5',
        '--tokens-per-minute',
        '20000',
        '--requests-per-minute',
        '50',
      ]),
    ).toMatchObject({
      port: 4010,
      host: '::1',
      region: 'eu-west-3',
      record: true,
      eventDelay: 5,
      tokensPerMinute: 20000,
      requestsPerMinute: 50,
    });
  });
  it('ignores the `--` that pnpm passes through', () => {
    expect(parseCliArgs(['--', '--port', '4011']).port).toBe(4011);
  });
  it.each([
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--region', 'Mars'], /--region: a region such as us-east-1/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--tokens-per-minute', '0'], /--tokens-per-minute/],
  ])('rejects %j with a located message', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

it('formats env lines for a POSIX shell', () => {
  expect(envLines({ AWS_REGION: 'us-east-1' })).toEqual(['export AWS_REGION=us-east-1']);
});
