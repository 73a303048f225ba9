import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { untilSignal } from './until-signal.js';
import * as upstream from './upstream.js';

export interface GatewayCommandOptions {
  host?: string;
  port?: number;
}

/**
 * Starts the OpenAI-compatible gateway until Ctrl-C / SIGTERM (then drains in-flight streams). With no AWS
 * credentials the gateway serves the embedded emulator and its banner says so; SIGHUP reloads the config.
 */
export async function runGateway(context: CommandContext, options: GatewayCommandOptions): Promise<number> {
  const { startGateway } = await upstream.gateway();
  const gateway = await startGateway({
    configPath: context.globals.config,
    host: options.host,
    port: options.port,
    env: context.env,
    cwd: context.cwd,
    homeDir: context.homeDir,
    emulator: context.globals.emulator ? 'auto' : 'never',
  });
  const stopped = untilSignal(); // before the banner: whoever reads it may signal at once
  context.term.print(gateway.banner);
  const reload = () => {
    void gateway.reload().then((result) => {
      context.term.note(
        result.ok ? 'config reloaded' : `config rejected, still serving the old one:\n${result.errors}`,
      );
    });
  };
  process.on('SIGHUP', reload);
  await stopped;
  process.off('SIGHUP', reload);
  context.term.note(context.term.err.dim(`draining ${gateway.inFlight} in-flight request(s)…`));
  await gateway.close();
  return ExitCode.ok;
}
