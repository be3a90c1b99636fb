// Competency assessment: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerCompetencyCommands(_program: Command): void {}
