import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway HOME with ~/.aws/config and ~/.aws/credentials, so tests never see the developer's profiles. */
export interface FakeHome {
  dir: string;
  credentialsFile: string;
  configFile: string;
  writeCredentials(text: string): void;
  writeConfig(text: string): void;
  /** Writes an executable Node script and returns a `credential_process` command line running it. */
  writeScript(name: string, source: string): string;
  remove(): void;
}

export function createFakeHome(files: { credentials?: string; config?: string } = {}): FakeHome {
  const dir = mkdtempSync(join(tmpdir(), 'outcrop-credentials-'));
  const aws = join(dir, '.aws');
  mkdirSync(aws);
  const credentialsFile = join(aws, 'credentials');
  const configFile = join(aws, 'config');
  const home: FakeHome = {
    dir,
    credentialsFile,
    configFile,
    writeCredentials: (text) => writeFileSync(credentialsFile, text),
    writeConfig: (text) => writeFileSync(configFile, text),
    writeScript(name, source) {
      const file = join(dir, name);
      writeFileSync(file, source);
      return `"${process.execPath}" "${file}"`;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  if (files.credentials !== undefined) home.writeCredentials(files.credentials);
  if (files.config !== undefined) home.writeConfig(files.config);
  return home;
}

/**
 * Real rotations happen seconds apart; a test rewrites within microseconds, and some filesystems keep coarse
 * timestamps. Pin the mtime a few seconds on so the test does not depend on timestamp granularity.
 */
export function touchLater(file: string, seconds = 5): void {
  const later = new Date(Date.now() + seconds * 1000);
  utimesSync(file, later, later);
}

/** Env for tests: no metadata service unless a test serves its own. */
export const BASE_ENV = { AWS_EC2_METADATA_DISABLED: 'true' } as const;

export const KEY_A = { id: 'AKIAAAAAAAAAAAAAAAAA', secret: 'secretAsecretAsecretAsecretAsecretAsecre' };
export const KEY_B = { id: 'AKIABBBBBBBBBBBBBBBB', secret: 'secretBsecretBsecretBsecretBsecretBsecre' };

export function staticProfile(name: string, key: { id: string; secret: string }): string {
  return `[${name}]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`;
}
