// Writes a ConverseStream response: event frames with the scenario's faults (exception or error frame after
// N events, a truncated frame, a bad CRC, a stall, delays). With no delay, frames are encoded into ~60 KiB
// writes so the emulator is never the bottleneck.
import { errorFrame, eventFrame, exceptionFrame, FrameBatch } from './event-frames.js';
import { drained, type ServerReply, writeChunk } from './http-io.js';
import type { StreamEvent } from './reply-stream.js';
import type { Scenario } from './scenario-schema.js';

const BATCH_BYTES = 60 * 1024;

export interface StreamTarget {
  res: ServerReply;
  requestId: string;
  /** True once the client has gone. */
  closed(): boolean;
  /** Resolves when the client goes (or the emulator stops). */
  whenClosed: Promise<void>;
  onStart(): void;
  onEvents(count: number): void;
  record?: (bytes: Buffer) => void;
}

/** Waits `ms`, or less if the client goes; never leaves a timer behind that would hold the process open. */
export function sleepUnlessClosed(ms: number, target: Pick<StreamTarget, 'whenClosed'>): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    target.whenClosed.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function startStream(target: StreamTarget): void {
  target.onStart();
  target.res.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-requestid': target.requestId,
  });
}

/** Which fault (if any) happens before event `index` is sent. */
function faultAt(scenario: Scenario | undefined, index: number, total: number) {
  const at = (n: number | undefined) => n !== undefined && Math.min(n, total) === index;
  if (!scenario) return undefined;
  if (scenario.streamException && at(scenario.streamException.afterEvents)) return 'exception' as const;
  if (scenario.errorFrame && at(scenario.errorFrame.afterEvents)) return 'error' as const;
  if (at(scenario.truncateAfterEvents)) return 'truncate' as const;
  if (at(scenario.stallAfterEvents)) return 'stall' as const;
  return undefined;
}

export async function writeEventStream(
  target: StreamTarget,
  events: StreamEvent[],
  scenario: Scenario | undefined,
  eventDelayMs: number,
): Promise<void> {
  const { res } = target;
  if (scenario?.firstByteDelayMs) await sleepUnlessClosed(scenario.firstByteDelayMs, target);
  if (target.closed()) return;
  startStream(target);
  const batch = new FrameBatch();
  const flush = async () => {
    if (batch.size === 0 || target.closed()) return;
    const events = batch.events;
    const bytes = batch.take();
    target.record?.(bytes);
    const ok = writeChunk(res, bytes);
    target.onEvents(events);
    if (!ok) await drained(res);
  };

  for (let i = 0; i <= events.length; i++) {
    if (target.closed()) return;
    const fault = faultAt(scenario, i, events.length);
    if (fault === 'exception') {
      const { type, message } = scenario!.streamException!;
      const extra =
        type === 'modelStreamErrorException'
          ? { originalStatusCode: 500, originalMessage: 'Model stream error' }
          : {};
      batch.raw(exceptionFrame(type, { message: message ?? defaultMessage(type), ...extra }));
      break;
    }
    if (fault === 'error') {
      batch.raw(errorFrame(scenario!.errorFrame!.code, scenario!.errorFrame!.message));
      break;
    }
    if (fault === 'truncate') {
      const [type, payload] = events[i] ?? [
        'contentBlockDelta',
        { contentBlockIndex: 0, delta: { text: 'cut' } },
      ];
      const whole = eventFrame(type, payload);
      batch.raw(whole.subarray(0, Math.ceil(whole.length / 2)));
      break;
    }
    if (fault === 'stall') {
      await flush();
      await target.whenClosed;
      return;
    }
    const event = events[i];
    if (!event) break;
    if (event[0].endsWith('Exception')) {
      // A scripted exception (e.g. { throttlingException: { message } }) goes out as a modeled exception frame.
      batch.raw(exceptionFrame(event[0], (event[1] ?? {}) as Record<string, unknown>));
    } else batch.event(event[0], event[1], scenario?.badCrcAtEvent === i);
    if (eventDelayMs > 0) {
      await flush();
      await sleepUnlessClosed(eventDelayMs, target);
    } else if (batch.size >= BATCH_BYTES) await flush();
  }
  await flush();
  if (!target.closed()) res.end();
}

/** Sends recorded bytes unchanged. */
export async function writeReplay(
  target: StreamTarget,
  bytes: Buffer,
  scenario: Scenario | undefined,
): Promise<void> {
  if (scenario?.firstByteDelayMs) await sleepUnlessClosed(scenario.firstByteDelayMs, target);
  if (target.closed()) return;
  startStream(target);
  writeChunk(target.res, bytes);
  target.onEvents(countFrames(bytes));
  target.res.end();
}

function countFrames(bytes: Buffer): number {
  let count = 0;
  for (let at = 0; at + 4 <= bytes.length; count++) {
    const length = bytes.readUInt32BE(at);
    if (length < 16) break;
    at += length;
  }
  return count;
}

function defaultMessage(type: string): string {
  switch (type) {
    case 'throttlingException':
      return 'Too many tokens, please wait before trying again.';
    case 'serviceUnavailableException':
      return 'The service is temporarily unable to handle the request.';
    case 'validationException':
      return 'The model produced a response that was too long.';
    case 'modelStreamErrorException':
      return 'The model stream produced an error.';
    default:
      return 'The system encountered an unexpected error during processing. Try your request again.';
  }
}
