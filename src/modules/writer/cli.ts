// Sales email and marketing copy: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerWriterCommands(_program: Command): void {}
