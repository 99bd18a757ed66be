/** Reads the Prometheus text exposition format, as a scraper would, so tests check what `/metrics` serves. */

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const TYPE = /^# TYPE (\S+) (\S+)$/;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

export class Scrape {
  /** Family name → type (counter, gauge, histogram…). */
  readonly families = new Map<string, string>();
  private readonly samples: Sample[] = [];

  constructor(text: string) {
    for (const line of text.split('\n')) {
      const type = TYPE.exec(line);
      if (type) this.families.set(type[1]!, type[2]!);
      const sample = line.startsWith('#') ? null : SAMPLE.exec(line);
      if (!sample) continue;
      const labels: Record<string, string> = {};
      for (const [, key, value] of (sample[2] ?? '').matchAll(LABEL)) labels[key!] = unescape(value!);
      this.samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
    }
  }

  /** The sum of the samples named `name` whose labels include `labels`; 0 when there is none. */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.matching(name, labels).reduce((sum, s) => sum + s.value, 0);
  }

  /** The label sets of the samples named `name`. */
  labelSets(name: string): Record<string, string>[] {
    return this.matching(name, {}).map((s) => s.labels);
  }

  private matching(name: string, labels: Record<string, string>): Sample[] {
    return this.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  }
}

export async function scrape(baseUrl: string, token?: string): Promise<Scrape> {
  const res = await fetch(`${baseUrl}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return new Scrape(await res.text());
}
