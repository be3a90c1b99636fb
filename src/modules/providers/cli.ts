// `salesbloom model-provider show|set|test`: the model provider settings from the command line.
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { loadProviderConfig, maskKey, testModelProvider, updateProviderConfig } from './service.ts';

const bool = (name: string) => (value: string): boolean => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(`${name} must be true or false`, [{ column: name, value, reason: 'must be true or false' }]);
};

export function registerProviderCommands(program: Command): void {
  const cmd = program.command('model-provider').description('Model provider settings: offline, an OpenAI-compatible server, or local ONNX models');

  withDataOptions(cmd.command('show').description('Print the configuration (API key masked)').option('--json', 'print JSON')).action(async (opts) => {
    const config = maskKey(await withDatabase(opts, (db) => loadProviderConfig(db)));
    if (opts.json) return printJson(config);
    process.stdout.write(`${Object.entries(config).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n')}\n`);
  });

  withDataOptions(
    cmd.command('set').description('Change settings; options left out keep their value')
      .option('--kind <kind>', 'offline, openai or local')
      .option('--base-url <url>', 'OpenAI-compatible server, e.g. http://localhost:11434/v1')
      .option('--api-key <key>', 'API key ("" clears it)')
      .option('--chat-model <name>', 'chat model (local: folder under --model-dir)')
      .option('--embedding-model <name>', 'embedding model (local: folder under --model-dir)')
      .option('--model-dir <dir>', 'local: folder of ONNX model folders')
      .option('--allow-downloads <bool>', 'local: may missing models be downloaded', bool('allowDownloads'))
      .option('--allow-remote <bool>', 'false = text never leaves this machine', bool('allowRemote'))
      .option('--treat-local-as-remote <bool>', 'redact even for a localhost server (a proxy to a cloud model)', bool('treatLocalAsRemote'))
      .option('--timeout-ms <n>', 'request timeout')
      .option('--max-retries <n>', 'retries on 429/5xx')
      .option('--requests-per-minute <n>', 'rate limit, 0 = none')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const patch: Record<string, unknown> = {};
    for (const key of ['kind', 'baseUrl', 'apiKey', 'chatModel', 'embeddingModel', 'modelDir', 'allowDownloads', 'allowRemote', 'treatLocalAsRemote', 'timeoutMs', 'maxRetries', 'requestsPerMinute']) {
      if (opts[key] !== undefined) patch[key] = opts[key];
    }
    const config = maskKey(await withDatabase(opts, (db) => updateProviderConfig(db, null, patch)));
    if (opts.json) printJson(config);
    else process.stdout.write(`model provider: ${config.kind}${config.kind === 'offline' ? '' : ` (${config.chatModel}, ${config.embeddingModel})`}\n`);
  });

  withDataOptions(cmd.command('test').description('Embed and generate one short text; report latency').option('--json', 'print JSON')).action(async (opts) => {
    const report = await withDatabase(opts, (db) => testModelProvider(db, null));
    if (opts.json) printJson(report);
    else {
      const line = (name: string, r: { ok: boolean; model: string; latency_ms: number; error?: string }) => `${name}: ${r.ok ? 'ok' : 'FAILED'} ${r.model} ${r.latency_ms} ms${r.error ? ` — ${r.error}` : ''}`;
      process.stdout.write(`${line('embedding', report.embedding)}\n${line('generation', report.generation)}\n`);
    }
    if (!report.ok) process.exitCode = 5;
  });
}
