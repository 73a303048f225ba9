// Builds the web console into dist/console-ui: one bundled script, one stylesheet, one page. Every asset ships
// in the package, so the console needs no network at run time (no CDN).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'console-ui');
await mkdir(out, { recursive: true });

await build({
  entryPoints: [join(root, 'console/src/main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
});

const styles = await Promise.all(
  [join(root, 'node_modules/uplot/dist/uPlot.min.css'), join(root, 'console/style.css')].map((file) =>
    readFile(file, 'utf8'),
  ),
);
await writeFile(join(out, 'app.css'), styles.join('\n'));
await copyFile(join(root, 'console/index.html'), join(out, 'index.html'));
