/**
 * One Prometheus view over several workers: the same series (name and labels) summed. Every family the gateway
 * exposes is a counter, a gauge of things in flight, or a histogram's cumulative buckets, sum and count, all of
 * which add up across processes.
 */
export function mergeMetrics(expositions: string[]): string {
  const comments: string[] = [];
  const seenComments = new Set<string>();
  const families = new Map<string, string[]>();
  const values = new Map<string, number>();
  let family = '';
  for (const text of expositions) {
    for (const line of text.split('\n')) {
      if (line === '') continue;
      if (line.startsWith('#')) {
        family = line.split(' ')[2] ?? '';
        if (!seenComments.has(line)) {
          seenComments.add(line);
          comments.push(line);
        }
        if (!families.has(family)) families.set(family, []);
        continue;
      }
      const space = line.lastIndexOf(' ');
      const series = line.slice(0, space);
      const value = Number(line.slice(space + 1));
      if (!values.has(series)) families.get(family)?.push(series) ?? families.set(family, [series]);
      values.set(series, (values.get(series) ?? 0) + (Number.isFinite(value) ? value : 0));
    }
  }
  let out = '';
  const written = new Set<string>();
  for (const comment of comments) {
    const name = comment.split(' ')[2] ?? '';
    out += `${comment}\n`;
    // Samples follow the family's last comment line (TYPE comes after HELP).
    if (comment.startsWith('# TYPE') && !written.has(name)) {
      written.add(name);
      for (const series of families.get(name) ?? []) out += `${series} ${format(values.get(series) ?? 0)}\n`;
    }
  }
  return out;
}

function format(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(12).replace(/\.?0+$/, '');
}
