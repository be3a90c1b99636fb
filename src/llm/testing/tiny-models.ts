// Tiny randomly initialised transformers.js model folders (ONNX graph, config, WordPiece
// tokenizer) built in-process, so the local provider's real loading path is tested without
// downloading weights. The ONNX protobuf is encoded with protobufjs from the subset of
// onnx.proto (field numbers as in onnx/onnx.proto) these graphs need.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { Rng } from '../../ml/random.ts';

const ONNX_SUBSET = `
syntax = "proto3";
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
message TensorProto { repeated int64 dims = 1; int32 data_type = 2; repeated float float_data = 4; repeated int64 int64_data = 7; string name = 8; }
message AttributeProto { string name = 1; float f = 2; int64 i = 3; repeated int64 ints = 8; int32 type = 20; }
message NodeProto { repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4; repeated AttributeProto attribute = 5; }
message Dimension { int64 dim_value = 1; string dim_param = 2; }
message TensorShapeProto { repeated Dimension dim = 1; }
message TensorTypeProto { int32 elem_type = 1; TensorShapeProto shape = 2; }
message TypeProto { TensorTypeProto tensor_type = 1; }
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message GraphProto { repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5; repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12; }
message ModelProto { int64 ir_version = 1; string producer_name = 2; GraphProto graph = 7; repeated OperatorSetIdProto opset_import = 8; }
`;

const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;

const ModelProto = protobuf.parse(ONNX_SUBSET).root.lookupType('ModelProto');

const valueInfo = (name: string, elemType: number, dims: (number | string)[]) => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
});

function randomMatrix(rng: Rng, rows: number, cols: number, name: string) {
  const floatData = Array.from({ length: rows * cols }, () => rng.next() * 2 - 1);
  return { name, dims: [rows, cols], dataType: FLOAT, floatData };
}

/** input_ids [batch, seq] → Gather(embeddings) → MatMul(W) → Tanh → output [batch, seq, width]. */
function encodeGraph(opts: { vocabSize: number; hidden: number; outWidth: number; output: string; seed: number; extraInputs: string[] }): Uint8Array {
  const rng = new Rng(opts.seed);
  const message = ModelProto.fromObject({
    irVersion: 8,
    producerName: 'salesbloom-tiny',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'tiny',
      node: [
        { opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['embedded'], name: 'gather', attribute: [{ name: 'axis', i: 0, type: ATTR_INT }] },
        { opType: 'MatMul', input: ['embedded', 'projection'], output: ['projected'], name: 'matmul' },
        { opType: 'Tanh', input: ['projected'], output: [opts.output], name: 'tanh' },
      ],
      initializer: [randomMatrix(rng, opts.vocabSize, opts.hidden, 'embeddings'), randomMatrix(rng, opts.hidden, opts.outWidth, 'projection')],
      input: [valueInfo('input_ids', INT64, ['batch_size', 'sequence_length']), ...opts.extraInputs.map((n) => valueInfo(n, INT64, ['batch_size', 'sequence_length']))],
      output: [valueInfo(opts.output, FLOAT, ['batch_size', 'sequence_length', opts.outWidth])],
    },
  });
  return ModelProto.encode(message).finish();
}

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/** A WordPiece tokenizer.json over the given words (lower-cased), as Hugging Face tokenizers writes it. */
function wordPieceTokenizer(words: readonly string[]): { json: unknown; vocabSize: number } {
  const vocab: Record<string, number> = {};
  for (const token of [...SPECIAL, ...words.map((w) => w.toLowerCase()), '.', ',', '?', '!']) if (!(token in vocab)) vocab[token] = Object.keys(vocab).length;
  const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const token = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  return {
    vocabSize: Object.keys(vocab).length,
    json: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: SPECIAL.map(special),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]')],
        pair: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, token('[SEP]')],
        special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [vocab[t]], tokens: [t] }])),
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    },
  };
}

const WORDS = 'the a to of and is are price discount manager approve approval contract renewal customer sales team hello world ok yes no what who how when'.split(' ');

/** A BERT-like feature-extraction model folder `<root>/<name>` (hidden size `hidden`). */
export function writeTinyEncoder(root: string, name: string, options: { hidden?: number; seed?: number } = {}): { dir: string; hidden: number } {
  const hidden = options.hidden ?? 16;
  const dir = join(root, name);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const tokenizer = wordPieceTokenizer(WORDS);
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer.json));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({
    tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 128,
    cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]',
  }));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    model_type: 'bert', architectures: ['BertModel'], hidden_size: hidden, vocab_size: tokenizer.vocabSize,
    num_attention_heads: 1, num_hidden_layers: 1, max_position_embeddings: 128,
  }));
  writeFileSync(join(dir, 'onnx', 'model.onnx'), encodeGraph({
    vocabSize: tokenizer.vocabSize, hidden, outWidth: hidden, output: 'last_hidden_state', seed: options.seed ?? 1, extraInputs: ['attention_mask', 'token_type_ids'],
  }));
  return { dir, hidden };
}

/** A GPT-2-like causal LM folder without a key/value cache (logits over the whole vocabulary). */
export function writeTinyDecoder(root: string, name: string, options: { hidden?: number; seed?: number } = {}): { dir: string } {
  const hidden = options.hidden ?? 16;
  const dir = join(root, name);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const tokenizer = wordPieceTokenizer(WORDS);
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer.json));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({
    tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 128,
    cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', eos_token: '[SEP]', bos_token: '[CLS]',
  }));
  const sep = SPECIAL.indexOf('[SEP]');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    model_type: 'gpt2', architectures: ['GPT2LMHeadModel'], n_embd: hidden, n_head: 1, n_layer: 1, n_positions: 128,
    vocab_size: tokenizer.vocabSize, eos_token_id: sep, bos_token_id: SPECIAL.indexOf('[CLS]'), pad_token_id: 0, use_cache: false,
  }));
  writeFileSync(join(dir, 'generation_config.json'), JSON.stringify({ eos_token_id: sep, bos_token_id: SPECIAL.indexOf('[CLS]'), pad_token_id: 0 }));
  writeFileSync(join(dir, 'onnx', 'model.onnx'), encodeGraph({
    vocabSize: tokenizer.vocabSize, hidden, outWidth: tokenizer.vocabSize, output: 'logits', seed: options.seed ?? 2, extraInputs: ['attention_mask'],
  }));
  return { dir };
}
