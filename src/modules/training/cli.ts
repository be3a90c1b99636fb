// Training plans: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerTrainingCommands(_program: Command): void {}
