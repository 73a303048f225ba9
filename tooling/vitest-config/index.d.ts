import type { ViteUserConfig } from 'vitest/config';
export declare function outcropVitestConfig(overrides?: ViteUserConfig): ViteUserConfig;
