// Best-practice mining: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerBestPracticeCommands(_program: Command): void {}
