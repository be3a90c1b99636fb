// Model provider settings: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerProviderCommands(_program: Command): void {}
