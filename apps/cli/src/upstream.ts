// The one door to the lower layers. Each is imported on first use, so a command pays only for what it
// touches (`outcrop config schema` never loads the AWS SDK). Types are the docs/ARCHITECTURE.md contracts.

import type * as Emulator from '@outcrop/bedrock-emulator';
import type * as ConfigSchema from '@outcrop/config-schema';
import type * as Credentials from '@outcrop/credentials';
import type * as Discovery from '@outcrop/discovery';
import type * as Gateway from '@outcrop/gateway';
import type * as Teams from '@outcrop/gateway/teams';
import type * as Provider from '@outcrop/provider';

export const configSchema = (): Promise<typeof ConfigSchema> => import('@outcrop/config-schema');
export const credentials = (): Promise<typeof Credentials> => import('@outcrop/credentials');
export const discovery = (): Promise<typeof Discovery> => import('@outcrop/discovery');
export const provider = (): Promise<typeof Provider> => import('@outcrop/provider');
export const emulator = (): Promise<typeof Emulator> => import('@outcrop/bedrock-emulator');
export const gateway = (): Promise<typeof Gateway> => import('@outcrop/gateway');

export type OutcropConfig = ConfigSchema.OutcropConfig;
export type LoadedConfig = ConfigSchema.LoadedConfig;
export type BedrockConnection = Credentials.BedrockConnection;
export type CredentialSource = Credentials.CredentialSource;
export type DiscoveryResult = Discovery.DiscoveryResult;
export type ResolvedModel = Discovery.ResolvedModel;
export type DiscoveryApi = Discovery.Discovery;
export type EmulatorHandle = Emulator.Emulator;
export type StreamPart = Provider.StreamPart;
export type ModelSpec = Provider.ModelSpec;
export type Outcrop = Provider.Outcrop;
export type Message = Provider.Message;

// `outcrop keys` and `outcrop usage`: the gateway's teams store (virtual keys, budgets, ledger).
export const teams = (): Promise<typeof Teams> => import('@outcrop/gateway/teams');
