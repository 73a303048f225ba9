// commander is CommonJS. Requiring it directly skips the ESM wrapper, whose export scan costs about half of
// commander's load time, and that is most of `outcrop --help`.
import { createRequire } from 'node:module';
import type * as CommanderModule from 'commander';

const commander = createRequire(import.meta.url)('commander') as typeof CommanderModule;

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
export type Command = CommanderModule.Command;
export type CommanderError = CommanderModule.CommanderError;
