import { outcropVitestConfig } from '@outcrop/vitest-config';

export default outcropVitestConfig();
