// The AWS API model of the operations the emulator serves, as extracted from botocore by
// scripts/extract-service-model.py into data/service-model.json (Apache-2.0, see data/NOTICE).
import { readFileSync } from 'node:fs';

export interface MemberRef {
  shape: string;
  location?: string;
  locationName?: string;
}

export interface Shape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'float'
    | 'double'
    | 'boolean'
    | 'blob';
  document?: boolean;
  required?: string[];
  union?: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
}

export interface ServiceModel {
  apiVersion: string;
  operations: Record<string, string>;
  shapes: Record<string, Shape>;
}

export interface ServiceModelSnapshot {
  source: string;
  botocoreVersion: string;
  extracted: string;
  services: Record<'bedrock-runtime' | 'bedrock', ServiceModel>;
}

let snapshot: ServiceModelSnapshot | undefined;

/** Loaded on first use; the file sits beside src/ and dist/ in the package. */
export function serviceModel(): ServiceModelSnapshot {
  snapshot ??= JSON.parse(
    readFileSync(new URL('../data/service-model.json', import.meta.url), 'utf8'),
  ) as ServiceModelSnapshot;
  return snapshot;
}
