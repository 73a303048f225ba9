// Raw response bodies kept for byte-for-byte replay (`{ replay: id }`).

export interface Recording {
  id: string;
  modelId?: string;
  bytes: Buffer;
}

/** Oldest recordings are dropped beyond this (a recording emulator would otherwise grow without bound). */
const MAX_RECORDINGS = 1000;

export class Recordings {
  private readonly byId = new Map<string, Recording>();
  private counter = 0;

  get(id: string): Recording | undefined {
    return this.byId.get(id);
  }

  list(): Recording[] {
    return [...this.byId.values()];
  }

  /** Stores an event stream (e.g. loaded from a fixture file) and returns its id. */
  add(bytes: Uint8Array, id?: string, modelId?: string): string {
    this.counter += 1;
    const key = id ?? `rec-${this.counter}`;
    this.byId.delete(key);
    this.byId.set(key, { id: key, bytes: Buffer.from(bytes), ...(modelId ? { modelId } : {}) });
    if (this.byId.size > MAX_RECORDINGS) this.byId.delete(this.byId.keys().next().value!);
    return key;
  }

  clear(): void {
    this.byId.clear();
  }
}
