// Turns resolved models into the rows `models list` prints: refs, kind (chat or embedding), tags (default,
// fallback #N, emulator), provider and kind filtering, and one preferred row per base model unless --all.

/** The fields of a resolved model (discovery's ResolvedModel, or a configured-only entry) the list needs. */
export interface ModelSource {
  id: string;
  name?: string;
  providerName?: string;
  baseModelId?: string;
  invocation: string;
  /** Listed (at least partly) in the config. */
  configured?: boolean;
  region?: string;
  reasoning?: boolean;
  input?: string[];
  contextWindow?: number;
  maxTokens?: number;
  cost?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number };
  /** Set for embedding models (the provider's `ModelSpec.embedding`). */
  embedding?: { dimensions: number[]; maxInputsPerCall: number; maxInputChars?: number };
}

/** Chat models answer `chat`; embedding models turn text into vectors (`/v1/embeddings`, `outcrop.embed()`). */
export type ModelKind = 'chat' | 'embedding';
export const MODEL_KINDS: readonly ModelKind[] = ['chat', 'embedding'];

export interface ModelRow {
  ref: string;
  kind: ModelKind;
  id: string;
  name: string;
  provider: string;
  vendor: string | null;
  baseModelId: string;
  invocation: string;
  region: string | null;
  input: string[];
  contextWindow: number | null;
  maxTokens: number | null;
  reasoning: boolean;
  cost: ModelSource['cost'] | null;
  /** What an embedding model takes per call and gives back; null for chat models. */
  embedding: { dimensions: number[]; maxInputsPerCall: number; maxInputChars: number | null } | null;
  tags: string[];
}

export interface RowOptions {
  primary?: string;
  fallbacks: string[];
  emulator: boolean;
  provider?: string;
  kind?: ModelKind;
  all: boolean;
}

// Lower is preferred when one base model can be called several ways.
const INVOCATION_RANK: Record<string, number> = {
  configured: 0,
  'on-demand': 1,
  'inference-profile': 2,
  'application-profile': 3,
};

const isGlobalProfile = (id: string) => id.startsWith('global.');

export function toRow(providerKey: string, model: ModelSource, options: RowOptions): ModelRow {
  const ref = `${providerKey}/${model.id}`;
  const tags: string[] = [];
  if (options.primary === ref) tags.push('default');
  const fallback = options.fallbacks.indexOf(ref);
  if (fallback >= 0) tags.push(`fallback #${fallback + 1}`);
  if (model.configured && model.invocation !== 'configured') tags.push('configured');
  if (options.emulator && providerKey === 'amazon-bedrock') tags.push('emulator');
  const { embedding } = model;
  return {
    ref,
    kind: embedding ? 'embedding' : 'chat',
    id: model.id,
    name: model.name ?? model.id,
    provider: providerKey,
    vendor: model.providerName ?? null,
    baseModelId: model.baseModelId ?? model.id,
    invocation: model.invocation,
    region: model.region ?? null,
    input: model.input && model.input.length > 0 ? model.input : ['text'],
    contextWindow: model.contextWindow ?? null,
    maxTokens: model.maxTokens ?? null,
    reasoning: model.reasoning === true,
    cost: model.cost ?? null,
    embedding: embedding
      ? {
          dimensions: [...embedding.dimensions],
          maxInputsPerCall: embedding.maxInputsPerCall,
          maxInputChars: embedding.maxInputChars ?? null,
        }
      : null,
    tags,
  };
}

/** `--provider anthropic` matches the ref's provider key, the vendor name, or the vendor part of the id. */
export function matchesProvider(row: ModelRow, wanted: string): boolean {
  const want = wanted.toLowerCase();
  const vendorOfId = row.baseModelId.split('.')[0]?.toLowerCase();
  return row.provider.toLowerCase() === want || row.vendor?.toLowerCase() === want || vendorOfId === want;
}

function preference(row: ModelRow): number {
  // Tagged rows are what the user chose; then the simplest way to call; geo profiles before global ones.
  const tagged = row.tags.some((tag) => tag === 'default' || tag.startsWith('fallback')) ? -10 : 0;
  const rank = INVOCATION_RANK[row.invocation] ?? 5;
  return tagged + rank * 2 + (isGlobalProfile(row.id) ? 1 : 0);
}

/** The default model first, then fallbacks in their order, then everything else (chat before embedding) by ref. */
function tagOrder(row: ModelRow): number {
  if (row.tags.includes('default')) return 0;
  const fallback = row.tags.find((tag) => tag.startsWith('fallback #'));
  return fallback ? Number(fallback.slice('fallback #'.length)) : 1_000;
}

/**
 * Without --all, one row per base model: the one the user tagged, else the simplest way to invoke it.
 * Tagged and configured rows are always kept. Order: tagged first, then by ref.
 */
export function selectRows(
  rows: ModelRow[],
  options: Pick<RowOptions, 'all' | 'provider' | 'kind'>,
): ModelRow[] {
  let selected = rows.filter(
    (row) =>
      (!options.provider || matchesProvider(row, options.provider)) &&
      (!options.kind || row.kind === options.kind),
  );
  if (!options.all) {
    const best = new Map<string, ModelRow>();
    const keep: ModelRow[] = [];
    for (const row of selected) {
      if (row.tags.some((tag) => tag !== 'emulator') || row.invocation === 'configured') {
        // Chosen by the user (default, fallback, configured): always shown.
        keep.push(row);
        continue;
      }
      const key = `${row.provider}|${row.baseModelId}`;
      const current = best.get(key);
      if (!current || preference(row) < preference(current)) best.set(key, row);
    }
    const keptBases = new Set(keep.map((row) => `${row.provider}|${row.baseModelId}`));
    selected = [...keep, ...[...best.entries()].filter(([key]) => !keptBases.has(key)).map(([, row]) => row)];
  }
  const kindOrder = (row: ModelRow) => MODEL_KINDS.indexOf(row.kind);
  return [...selected].sort(
    (a, b) => tagOrder(a) - tagOrder(b) || kindOrder(a) - kindOrder(b) || a.ref.localeCompare(b.ref),
  );
}
