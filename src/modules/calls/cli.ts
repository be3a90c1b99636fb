// Conversation intelligence: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerCallsCommands(_program: Command): void {}
