// Provider configuration and the factory the services call. "offline" means no model server at
// all: generation is retrieval plus templates (implemented by the capabilities themselves), so
// the factory returns null and callers fall back. "local" runs ONNX models in-process.
import { InputError, type InputIssue } from '../core/errors.ts';
import { GuardedProvider, type GuardOptions } from './guarded-provider.ts';
import { LocalTransformersProvider } from './local-transformers.ts';
import { OpenAICompatibleProvider } from './openai-compatible.ts';
import type { ModelProvider } from './types.ts';
import type { ModelPrice } from './usage-meter.ts';

export interface ProviderConfig {
  kind: 'offline' | 'openai' | 'local';
  baseUrl: string;
  apiKey: string;
  chatModel: string;
  embeddingModel: string;
  /** Admin switch: may text be sent to a provider off this machine? */
  allowRemote: boolean;
  timeoutMs: number;
  maxRetries: number;
  /** 0 = unlimited. */
  requestsPerMinute: number;
  /** USD per 1k tokens, by model name. */
  prices: Record<string, ModelPrice>;
  /** 'local' kind: folder holding one sub-folder per model (config.json, tokenizer.json, onnx/model.onnx). */
  modelDir: string;
  /** 'local' kind: may transformers.js download a missing model from the Hugging Face hub? */
  allowDownloads: boolean;
  /**
   * 'openai' kind: treat a localhost server as remote (redact, obey allowRemote), for local
   * proxies or gateways that forward to a cloud model.
   */
  treatLocalAsRemote: boolean;
}

export const defaultProviderConfig: ProviderConfig = {
  kind: 'offline',
  baseUrl: 'http://localhost:11434/v1',
  apiKey: '',
  chatModel: 'llama3.1:8b',
  embeddingModel: 'nomic-embed-text',
  allowRemote: false,
  timeoutMs: 60_000,
  maxRetries: 3,
  requestsPerMinute: 0,
  prices: {},
  modelDir: './models',
  allowDownloads: false,
  treatLocalAsRemote: false,
};

/** Fills defaults and validates; every problem is reported at once, naming the setting. */
export function parseProviderConfig(raw: Partial<Record<keyof ProviderConfig, unknown>>, source = 'model settings'): ProviderConfig {
  const issues: InputIssue[] = [];
  const config: ProviderConfig = { ...defaultProviderConfig, prices: {} };
  const bad = (column: string, value: unknown, reason: string) => issues.push({ file: source, column, value, reason });
  if (raw.kind !== undefined) {
    if (raw.kind === 'offline' || raw.kind === 'openai' || raw.kind === 'local') config.kind = raw.kind;
    else bad('kind', raw.kind, 'must be one of offline, openai, local');
  }
  for (const key of ['baseUrl', 'apiKey', 'chatModel', 'embeddingModel', 'modelDir'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] === 'string') config[key] = (raw[key] as string).trim();
    else bad(key, raw[key], 'must be text');
  }
  if (config.kind === 'openai') {
    try {
      const url = new URL(config.baseUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') bad('baseUrl', config.baseUrl, 'must be an http(s) URL');
    } catch {
      bad('baseUrl', config.baseUrl, 'is not a URL');
    }
    if (!config.chatModel) bad('chatModel', config.chatModel, 'is required for the openai provider');
  }
  for (const key of ['allowRemote', 'allowDownloads', 'treatLocalAsRemote'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] === 'boolean') config[key] = raw[key] as boolean;
    else bad(key, raw[key], 'must be true or false');
  }
  if (config.kind === 'local') {
    if (!config.modelDir) bad('modelDir', config.modelDir, 'is required for the local provider');
    for (const key of ['chatModel', 'embeddingModel'] as const) {
      if (!config[key] || config[key].split(/[\\/]/).includes('..')) bad(key, config[key], 'must be a model folder name under modelDir');
    }
  }
  const count = (key: 'timeoutMs' | 'maxRetries' | 'requestsPerMinute', min: number, max: number) => {
    if (raw[key] === undefined) return;
    const n = Number(raw[key]);
    if (Number.isInteger(n) && n >= min && n <= max) config[key] = n;
    else bad(key, raw[key], `must be a whole number from ${min} to ${max}`);
  };
  count('timeoutMs', 100, 3_600_000);
  count('maxRetries', 0, 10);
  count('requestsPerMinute', 0, 1_000_000);
  if (raw.prices !== undefined) {
    if (raw.prices && typeof raw.prices === 'object') {
      for (const [model, price] of Object.entries(raw.prices as Record<string, unknown>)) {
        const p = price as Partial<ModelPrice> | null;
        const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
        if (p && ok(p.inputPer1k) && ok(p.outputPer1k)) config.prices[model] = { inputPer1k: p.inputPer1k!, outputPer1k: p.outputPer1k! };
        else bad(`prices.${model}`, price, 'needs inputPer1k and outputPer1k as non-negative numbers (USD per 1,000 tokens)');
      }
    } else bad('prices', raw.prices, 'must be an object of {inputPer1k, outputPer1k} by model');
  }
  if (issues.length > 0) throw new InputError(`Invalid ${source}`, issues);
  return config;
}

/** The configured provider, or null for offline mode. */
export function createProvider(config: ProviderConfig): ModelProvider | null {
  switch (config.kind) {
    case 'offline':
      return null;
    case 'openai':
      return new OpenAICompatibleProvider({
        baseUrl: config.baseUrl,
        apiKey: config.apiKey || undefined,
        chatModel: config.chatModel,
        embeddingModel: config.embeddingModel,
        timeoutMs: config.timeoutMs,
        maxRetries: config.maxRetries,
        requestsPerMinute: config.requestsPerMinute,
        prices: config.prices,
        remote: config.treatLocalAsRemote ? true : undefined,
      });
    case 'local':
      return localProvider(config);
  }
}

// Loaded ONNX sessions are expensive: one local provider per distinct configuration per process.
const localProviders = new Map<string, LocalTransformersProvider>();
function localProvider(config: ProviderConfig): LocalTransformersProvider {
  const options = { modelDir: config.modelDir, chatModel: config.chatModel, embeddingModel: config.embeddingModel, allowDownloads: config.allowDownloads };
  const key = JSON.stringify(options);
  let provider = localProviders.get(key);
  if (!provider) localProviders.set(key, (provider = new LocalTransformersProvider(options)));
  return provider;
}

/** The provider wrapped in the privacy guard (redaction, allowRemote switch, audit), or null offline. */
export function createGuardedProvider(config: ProviderConfig, guard: Omit<GuardOptions, 'allowRemote'> & Partial<Pick<GuardOptions, 'allowRemote'>>): ModelProvider | null {
  const provider = createProvider(config);
  return provider && new GuardedProvider(provider, { ...guard, allowRemote: guard.allowRemote ?? config.allowRemote });
}
