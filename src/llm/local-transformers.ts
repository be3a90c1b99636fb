// In-process models through transformers.js (ONNX Runtime on the CPU): feature-extraction
// embeddings (mean pooled, unit length) and causal-LM text generation, loaded from a local
// folder `<modelDir>/<model>/` (config.json, tokenizer.json, onnx/model.onnx). Nothing is
// downloaded unless the admin allows it (allowDownloads); text never leaves the process.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ModelOutputError, ModelServerError } from './errors.ts';
import { checkJsonAnswer } from './json-output.ts';
import type { ChatMessage, EmbedOptions, GenerateRequest, GenerateResult, ModelProvider, TokenUsage } from './types.ts';

export interface LocalProviderOptions {
  modelDir: string;
  chatModel: string;
  embeddingModel: string;
  /** Let transformers.js fetch a missing model from the Hugging Face hub (admin switch). */
  allowDownloads?: boolean;
}

type Transformers = typeof import('@huggingface/transformers');
type Pipe = (input: unknown, options?: Record<string, unknown>) => Promise<any>;

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

/** The files a model folder must hold, checked before transformers.js so the error names what is missing. */
export function missingModelFiles(dir: string): string[] {
  const missing = REQUIRED_FILES.filter((f) => !existsSync(join(dir, f)));
  if (!existsSync(join(dir, 'onnx', 'model.onnx')) && !existsSync(join(dir, 'onnx', 'model_quantized.onnx'))) missing.push('onnx/model.onnx');
  return missing;
}

/** Plain-text prompt for models without a chat template. */
export function plainPrompt(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `${m.role === 'system' ? 'System' : m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`).join('\n') + '\nAssistant:';
}

export class LocalTransformersProvider implements ModelProvider {
  readonly kind = 'local' as const;
  readonly remote = false;
  readonly chatModel: string;
  readonly embeddingModel: string;
  private readonly modelDir: string;
  private readonly pipes = new Map<string, Promise<Pipe>>();

  constructor(private readonly options: LocalProviderOptions) {
    this.modelDir = resolve(options.modelDir);
    this.chatModel = options.chatModel;
    this.embeddingModel = options.embeddingModel;
  }

  private async library(): Promise<Transformers> {
    const lib = await import('@huggingface/transformers');
    // Process-wide settings of transformers.js; every local provider sets them before loading.
    lib.env.localModelPath = this.modelDir + '/';
    lib.env.allowLocalModels = true;
    lib.env.allowRemoteModels = this.options.allowDownloads === true;
    return lib;
  }

  private load(task: 'feature-extraction' | 'text-generation', model: string): Promise<Pipe> {
    const key = `${task}:${model}`;
    let pipe = this.pipes.get(key);
    if (!pipe) {
      pipe = (async () => {
        const dir = join(this.modelDir, model);
        const missing = missingModelFiles(dir);
        if (missing.length > 0 && !this.options.allowDownloads) {
          throw new ModelServerError(`local model "${model}" is incomplete: missing ${missing.map((f) => join(dir, f)).join(', ')} (downloads are not allowed)`);
        }
        const lib = await this.library();
        try {
          return (await lib.pipeline(task, model, { local_files_only: !this.options.allowDownloads, dtype: 'fp32' })) as unknown as Pipe;
        } catch (error) {
          throw new ModelServerError(`cannot load local model "${model}" from ${dir}: ${(error as Error).message}`);
        }
      })();
      pipe.catch(() => this.pipes.delete(key)); // a failed load is retried next time
      this.pipes.set(key, pipe);
    }
    return pipe;
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const extract = await this.load('feature-extraction', this.embeddingModel);
    const out = await extract(texts, { pooling: 'mean', normalize: true });
    const [rows, dims] = out.dims as number[];
    const data = out.data as Float32Array;
    const vectors = Array.from({ length: rows }, (_, i) => data.slice(i * dims, (i + 1) * dims));
    options.onUsage?.({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
    return vectors;
  }

  private async prompt(generator: any, messages: readonly ChatMessage[]): Promise<string> {
    const tokenizer = generator.tokenizer;
    if (tokenizer?.chat_template) return tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: true });
    return plainPrompt(messages);
  }

  private countTokens(generator: any, text: string): number {
    const ids = generator.tokenizer(text, { add_special_tokens: false }).input_ids;
    return Number(ids.dims.at(-1) ?? 0);
  }

  private async run(request: GenerateRequest, onDelta?: (text: string) => void): Promise<GenerateResult> {
    const generator = (await this.load('text-generation', this.chatModel)) as any;
    const messages = request.jsonSchema
      ? [...request.messages, { role: 'system' as const, content: `Answer with JSON only, matching this JSON Schema: ${JSON.stringify(request.jsonSchema.schema)}` }]
      : request.messages;
    const prompt = await this.prompt(generator, messages);
    const lib = await this.library();
    const streamer = onDelta
      ? new lib.TextStreamer(generator.tokenizer, { skip_prompt: true, skip_special_tokens: true, callback_function: (t: string) => t && onDelta(t) })
      : undefined;
    const temperature = request.temperature ?? 0;
    const out = await generator(prompt, {
      max_new_tokens: request.maxTokens ?? 256,
      do_sample: temperature > 0,
      ...(temperature > 0 ? { temperature } : {}),
      return_full_text: false,
      streamer,
    });
    const text = String(out[0]?.generated_text ?? '').trim();
    const promptTokens = this.countTokens(generator, prompt);
    const completionTokens = this.countTokens(generator, text);
    const usage: TokenUsage = { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
    request.onUsage?.(usage);
    if (!request.jsonSchema) return { text, usage };
    const check = checkJsonAnswer(text, request.jsonSchema.schema);
    if (!check.ok) throw new ModelOutputError(`local model answer does not match the schema: ${check.problems.join("; ")}`, text);
    return { text, usage, json: check.value };
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    return this.run(request);
  }

  async *stream(request: GenerateRequest): AsyncIterable<string> {
    // TextStreamer calls back synchronously during generation; a queue turns that into an iterator.
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    let failure: unknown = null;
    const done = this.run({ ...request, jsonSchema: undefined }, (t) => {
      queue.push(t);
      wake?.();
    }).then(
      () => void (finished = true),
      (error) => void ((failure = error), (finished = true)),
    ).finally(() => wake?.());
    while (true) {
      if (queue.length > 0) {
        yield queue.shift()!;
        continue;
      }
      if (finished) break;
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    await done;
    if (failure) throw failure;
  }
}
