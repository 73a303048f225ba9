// The CLI is used through its `outcrop` bin. The library entry exposes only the exit-code table, so
// scripts written in Node can branch on `outcrop` results by name instead of by number.
export { ExitCode, type ExitCodeValue, exitCodeHelp } from './exit-codes.js';
