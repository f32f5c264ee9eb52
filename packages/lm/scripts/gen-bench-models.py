#!/usr/bin/python3
"""Randomly initialised BERT-base-sized and GPT-2-small-sized models for packages/lm/bench (issue 8 §5, §6),
exported in the same Optimum layout as the test fixtures, with ONNX external data:

  <out>/bert-base/   config.json, tokenizer.json (+ tokenizer_config, special_tokens_map), onnx/model.onnx
                     (+ onnx/model.onnx_data): 12 layers, hidden 768, 12 heads, 3072 inner, 30522 tokens, 512 positions
  <out>/gpt2-small/  config.json, generation_config.json, tokenizer.json, onnx/decoder_model_merged.onnx
                     (+ .onnx_data): 12 layers, 768, 12 heads, 50257 tokens, 1024 positions
  <out>/marian-base/ config.json, generation_config.json, tokenizer.json, onnx/encoder_model.onnx +
                     onnx/decoder_model_merged.onnx (+ .onnx_data): 6 + 6 layers, 512, 8 heads, 2048 inner, 58101 tokens
  each with weights.manifest.json (below). ONLY=bert,gpt2,marian (default all) picks some.

Usage: /usr/bin/python3 packages/lm/scripts/gen-bench-models.py [OUT] [--keep-split] [--manifest-only]   (default ~/.cache/nlpkit/bench-models;
about 0.44 + 1.3 GB; a few minutes of CPU with Debian's python3-torch 1.13 + python3-onnx). Keep OUT out of the repo.

The models, tokenizers and export code are the fixture script's (scripts/gen-neural-fixtures.py, imported from
its path, unchanged): TinyBert / TinyGpt2 at the big sizes, initialised as transformers does (normal(0, 0.02)
weights, zero biases, LayerNorm 1/0), no training. The tokenizers are the fixtures' small WordPiece / byte-level
BPE (97 / 300 tokens; a tokenizer smaller than vocab_size is allowed), so texts tokenize to the same lengths as
the fixtures do; the tokenizer does not change the cost of a forward pass of a given length.

Why external data and a manifest: the GPU machines have no network, no torch, and take at most 64 MiB of carried
files, so the ~1.7 GB of weights cannot travel. After the export, every initializer of 1 KiB or more is moved
into <graph>.onnx_data, and weights.manifest.json lists for each such tensor its offset, length and a recipe:
`normal` (mean, std of the tensor), `const` (a tensor with one value, LayerNorm and zero biases), `copy` (the
same bytes as an earlier tensor: the merged decoder's two branches), or `b64` (literal bytes, non-float tensors). bench/gpu-check.mjs rebuilds missing data files from the manifest with a
seeded generator, so the graphs (a few hundred KB) plus the manifest are all that is carried. Here the real
torch-initialised data files are used as written.

The merged decoder is built like the fixture's (one If over the exported split pair) and, as Optimum does, the
split pair is deleted afterwards only to save disk: `--keep-split` keeps it.
"""
import base64
import hashlib
import importlib.util
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("gen_neural_fixtures", os.path.join(HERE, "gen-neural-fixtures.py"))
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)


def hf_init(model):
    """transformers' _init_weights: Linear/Embedding normal(0, 0.02), biases 0, LayerNorm 1/0."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                m.weight.normal_(0.0, 0.02)
                if getattr(m, "bias", None) is not None:
                    m.bias.zero_()
            elif isinstance(m, nn.LayerNorm):
                m.weight.fill_(1.0)
                m.bias.zero_()
        for name, p in model.named_parameters():
            if name == "head_bias":
                p.zero_()


def externalize(path):
    """Moves initializers >= 1 KiB to <file>_data (next to it) and returns its manifest entry."""
    m = onnx.load(path)
    data_name = os.path.basename(path) + "_data"
    data_path = os.path.join(os.path.dirname(path), data_name)
    if os.path.exists(data_path):
        os.remove(data_path)
    onnx.save_model(m, path, save_as_external_data=True, all_tensors_to_one_file=True, location=data_name,
                    size_threshold=1024)
    return manifest_entry(path)


def manifest_entry(path):
    """The recipe for every external tensor of `path`. A tensor whose bytes equal an earlier one's (the merged
    decoder's two branches hold the same weights) is `copy` of that one's offset, so the rebuilt model keeps
    cache == no-cache."""
    data_path = path + "_data"
    m = onnx.load(path, load_external_data=False)
    tensors = []

    def visit(g):
        for t in g.initializer:
            if t.data_location == onnx.TensorProto.EXTERNAL:
                info = {e.key: e.value for e in t.external_data}
                tensors.append((t.name, t.data_type, int(info.get("offset", 0)), int(info["length"])))
        for node in g.node:
            for a in node.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    visit(a.g)

    visit(m.graph)
    tensors.sort(key=lambda x: x[2])
    out = []
    seen = {}
    with open(data_path, "rb") as f:
        for name, dtype, offset, length in tensors:
            f.seek(offset)
            raw = f.read(length)
            digest = hashlib.sha256(raw).hexdigest()
            if digest in seen:
                out.append({"name": name, "offset": offset, "length": length, "init": "copy", "from": seen[digest]})
                continue
            seen[digest] = offset
            if dtype == onnx.TensorProto.FLOAT:
                a = np.frombuffer(raw, dtype=np.float32)
                lo, hi = float(a.min()), float(a.max())
                if lo == hi:
                    out.append({"name": name, "offset": offset, "length": length, "init": "const", "value": lo})
                else:
                    out.append({"name": name, "offset": offset, "length": length, "init": "normal",
                                "mean": float(a.mean()), "std": float(a.std())})
            else:
                out.append({"name": name, "offset": offset, "length": length, "init": "b64",
                            "b64": base64.b64encode(raw).decode()})
    return {"path": os.path.relpath(data_path, os.path.dirname(os.path.dirname(path))), "size": os.path.getsize(data_path),
            "tensors": out}


def make_bert(out):
    torch.manual_seed(1)
    vocab = fx.bert_vocab()
    cfg = {"architectures": ["BertForMaskedLM"], "model_type": "bert", "vocab_size": 30522, "hidden_size": 768,
           "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072,
           "max_position_embeddings": 512, "type_vocab_size": 2, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
           "pad_token_id": 0, "initializer_range": 0.02}
    model = fx.TinyBert(cfg).eval()
    hf_init(model)
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    fx.write_json(os.path.join(out, "config.json"), cfg)
    fx.write_json(os.path.join(out, "tokenizer.json"), fx.bert_tokenizer_json(vocab))
    fx.write_json(os.path.join(out, "tokenizer_config.json"), {
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": 512, "cls_token": "[CLS]",
        "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]"})
    fx.write_json(os.path.join(out, "special_tokens_map.json"), {
        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]"})
    b, t = 2, 5
    dummy = (torch.randint(5, len(vocab), (b, t)), torch.ones(b, t, dtype=torch.long), torch.zeros(b, t, dtype=torch.long))
    dyn = {n: {0: "batch_size", 1: "sequence_length"} for n in
           ["input_ids", "attention_mask", "token_type_ids", "logits", "last_hidden_state"]}
    path = os.path.join(out, "onnx", "model.onnx")
    with torch.no_grad():
        torch.onnx.export(model, dummy, path, input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["logits", "last_hidden_state"], dynamic_axes=dyn, opset_version=fx.OPSET)
    manifest = {"seed": 1, "files": [externalize(path)]}
    fx.write_json(os.path.join(out, "weights.manifest.json"), manifest)


def make_gpt2(out, keep_split):
    torch.manual_seed(2)
    vocab, merges = fx.train_bpe(43)
    eos = 50256
    cfg = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": 50257, "n_embd": 768,
           "n_layer": 12, "n_head": 12, "n_positions": 1024, "n_ctx": 1024, "n_inner": None,
           "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "bos_token_id": eos, "eos_token_id": eos,
           "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "max_position_embeddings": 1024,
           "use_cache": True}
    model = fx.TinyGpt2(cfg).eval()
    hf_init(model)
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    fx.write_json(os.path.join(out, "config.json"), cfg)
    fx.write_json(os.path.join(out, "tokenizer.json"), fx.gpt2_tokenizer_json(vocab, merges))
    fx.write_json(os.path.join(out, "tokenizer_config.json"), {
        "tokenizer_class": "GPT2Tokenizer", "model_max_length": 1024, "bos_token": fx.EOT, "eos_token": fx.EOT,
        "unk_token": fx.EOT, "add_prefix_space": False})
    # The fixture tokenizer's <|endoftext|> is id 299, not 50256: generation stops on the config's eos only.
    fx.write_json(os.path.join(out, "generation_config.json"), {"bos_token_id": eos, "eos_token_id": eos, "max_length": 1024})
    d = os.path.join(out, "onnx")
    no_past, with_past, merged = (os.path.join(d, n) for n in
                                  ("decoder_model.onnx", "decoder_with_past_model.onnx", "decoder_model_merged.onnx"))
    with torch.no_grad():
        fx.export_gpt2(model, no_past, False)
        fx.export_gpt2(model, with_past, True)
    fx.merge_decoders(no_past, with_past, merged)
    files = [externalize(merged)]
    if keep_split:
        files += [externalize(no_past), externalize(with_past)]
    else:
        os.remove(no_past)
        os.remove(with_past)
    fx.write_json(os.path.join(out, "weights.manifest.json"), {"seed": 2, "files": files})


def make_marian(out):
    """opus-mt-en-de-sized Marian (6 + 6 layers, 512, 8 heads, 2048 inner, 58101 tokens), the fixture's Marian
    tokenizer (its ids stay below 115; `<pad>` = decoder start = 58100 as in opus-mt's configs)."""
    torch.manual_seed(3)
    vocab, ids, sp = fx.s2s_vocab("marian")
    V, pad = 58101, 58100
    cfg = {"architectures": ["MarianMTModel"], "model_type": "marian", "vocab_size": V, "d_model": 512,
           "encoder_layers": 6, "decoder_layers": 6, "num_hidden_layers": 6, "encoder_attention_heads": 8,
           "decoder_attention_heads": 8, "encoder_ffn_dim": 2048, "decoder_ffn_dim": 2048,
           "activation_function": "swish", "max_position_embeddings": 512, "scale_embedding": True,
           "static_position_embeddings": True, "share_encoder_decoder_embeddings": True, "is_encoder_decoder": True,
           "tie_word_embeddings": True, "use_cache": True, "decoder_start_token_id": pad, "eos_token_id": 0,
           "pad_token_id": pad, "bos_token_id": 0}
    model = fx.TinySeq2Seq("marian", {**cfg, "_heads": 8, "_ffn": 2048, "_layers": 6}).eval()
    hf_init(model)
    d = os.path.join(out, "onnx")
    os.makedirs(d, exist_ok=True)
    fx.write_json(os.path.join(out, "config.json"), cfg)
    fx.write_json(os.path.join(out, "generation_config.json"), {
        "decoder_start_token_id": pad, "eos_token_id": 0, "pad_token_id": pad, "bad_words_ids": [[pad]],
        "forced_eos_token_id": 0, "bos_token_id": 0, "max_length": 512})
    fx.write_json(os.path.join(out, "tokenizer.json"), fx.s2s_tokenizer_json("marian", vocab, ids))
    fx.write_json(os.path.join(out, "tokenizer_config.json"), {
        "tokenizer_class": "MarianTokenizer", "model_max_length": 512, "eos_token": "</s>", "unk_token": "<unk>",
        "pad_token": "<pad>"})
    with torch.no_grad():
        fx.export_s2s(model, d)
    os.remove(os.path.join(d, "decoder_model.onnx"))
    os.remove(os.path.join(d, "decoder_with_past_model.onnx"))
    files = [externalize(os.path.join(d, "encoder_model.onnx")), externalize(os.path.join(d, "decoder_model_merged.onnx"))]
    fx.write_json(os.path.join(out, "weights.manifest.json"), {"seed": 3, "files": files})


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = args[0] if args else os.path.expanduser("~/.cache/nlpkit/bench-models")
    torch.set_num_threads(1)
    which = os.environ.get("ONLY", "bert,gpt2,marian").split(",")
    if "--manifest-only" in sys.argv:  # rewrite weights.manifest.json from the files already there
        for name, seed in (("bert-base", 1), ("gpt2-small", 2), ("marian-base", 3)):
            d = os.path.join(out, name)
            graphs = sorted(os.path.join(d, "onnx", g) for g in os.listdir(os.path.join(d, "onnx")) if g.endswith(".onnx"))
            fx.write_json(os.path.join(d, "weights.manifest.json"), {"seed": seed, "files": [manifest_entry(g) for g in graphs]})
        return
    if "bert" in which:
        make_bert(os.path.join(out, "bert-base"))
        print("wrote", os.path.join(out, "bert-base"), flush=True)
    if "gpt2" in which:
        make_gpt2(os.path.join(out, "gpt2-small"), "--keep-split" in sys.argv)
        print("wrote", os.path.join(out, "gpt2-small"), flush=True)
    if "marian" in which:
        make_marian(os.path.join(out, "marian-base"))
        print("wrote", os.path.join(out, "marian-base"), flush=True)


if __name__ == "__main__":
    main()
