import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The console's own headers: scripts and styles only from the gateway itself (no inline code, so an injected
 * string can never run), no framing, no referrer, nothing cached past a restart.
 */
export const CONSOLE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const FILES: Record<string, [file: string, type: string]> = {
  '/console': ['index.html', 'text/html; charset=utf-8'],
  '/console/': ['index.html', 'text/html; charset=utf-8'],
  '/console/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/console/app.css': ['app.css', 'text/css; charset=utf-8'],
};

/** The built console (dist/console-ui), read once at start: three small files served from memory. */
export class ConsoleAssets {
  private readonly files = new Map<string, { body: Buffer; type: string }>();

  // From src/console (tests) and dist/console (built) alike, the package root is two levels up.
  constructor(dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'console-ui')) {
    for (const [path, [file, type]] of Object.entries(FILES)) {
      try {
        this.files.set(path, { body: readFileSync(join(dir, file)), type });
      } catch {
        // Not built (a `tsc`-only build): /console answers 404 and says how to build it.
      }
    }
  }

  has(path: string): boolean {
    return path in FILES;
  }

  /** Sends the asset; false when the console was not built. */
  send(path: string, res: ServerResponse, headers: Record<string, string>, head: boolean): boolean {
    const asset = this.files.get(path);
    if (!asset) return false;
    res.writeHead(200, {
      ...headers,
      ...CONSOLE_HEADERS,
      'content-type': asset.type,
      'content-length': String(asset.body.length),
    });
    res.end(head ? undefined : asset.body);
    return true;
  }
}
