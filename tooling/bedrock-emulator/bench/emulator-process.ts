// Runs the emulator in its own process (forked by throughput.ts), so its CPU time can be measured apart
// from the clients': events per CPU-second of this process is the emulator's throughput on one core.
import { startEmulator } from '@outcrop/bedrock-emulator';

type Command = { type: 'stats' | 'clear' | 'stop' };
const send = (message: unknown) => process.send!(message);

const emulator = await startEmulator();
process.on('message', async (message: Command) => {
  if (message.type === 'stats') {
    const entries = emulator.journal.entries();
    const cpu = process.cpuUsage();
    send({
      type: 'stats',
      requests: entries.length,
      open: entries.filter((entry) => !entry.done).length,
      cancelled: entries.filter((entry) => entry.cancelled).length,
      events: entries.reduce((sum, entry) => sum + entry.eventsSent, 0),
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    });
  } else if (message.type === 'clear') {
    emulator.journal.clear();
    send({ type: 'cleared' });
  } else {
    await emulator.stop();
    send({ type: 'stopped' });
    process.disconnect();
  }
});
send({
  type: 'ready',
  url: emulator.url,
  region: emulator.region,
  credentials: emulator.credentials,
  bearerToken: emulator.bearerToken,
});
