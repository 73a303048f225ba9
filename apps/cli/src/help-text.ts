import { exitCodeHelp } from './exit-codes.js';

/** Builds an "Examples:" block: pairs of command and what it does. */
export function examples(...pairs: Array<readonly [string, string]>): string {
  const width = Math.max(...pairs.map(([command]) => command.length));
  const lines = pairs.map(([command, what]) => `  $ ${command.padEnd(width)}  ${what}`);
  return `\nExamples:\n${lines.join('\n')}\n`;
}

export const exitCodesText = `\nExit codes:\n${exitCodeHelp
  .map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`)
  .join('\n')}\n`;

export const environmentText = `
Environment:
  AWS_BEARER_TOKEN_BEDROCK, AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, AWS_PROFILE
                       credentials, looked for in this order, then the AWS SDK default chain
  AWS_REGION, AWS_DEFAULT_REGION   region when the config names none
  OUTCROP_CONFIG       path of the config file (else ./outcrop.json5, then ~/.outcrop/config.json5)
  NO_COLOR, FORCE_COLOR            turn colour off / on
`;
