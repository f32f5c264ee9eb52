#!/usr/bin/python3
"""Regenerates packages/lm/test/fixtures/neural/{tiny-bert,tiny-gpt2,tiny-marian,tiny-bart,tiny-t5,tiny-d2l-attention}/
with PyTorch (Debian's python3-torch 1.13) and python3-onnx: tiny seeded models exported to ONNX in Hugging Face
Optimum's layout and names, their tokenizers (tokenizer.json written here: a WordPiece for BERT, a byte-level BPE
for GPT-2, Unigram + Metaspace for the encoder-decoders, WordLevel for d2l), configs, and reference outputs
computed by PyTorch (reference.json). The encoder-decoder and d2l parts are described where they start below.

Usage (from the repository root; the optional second argument regenerates only some, e.g. "marian,bart,t5,d2l"):
  /usr/bin/python3 packages/lm/scripts/gen-neural-fixtures.py packages/lm/test/fixtures/neural [bert,gpt2,marian,bart,t5,d2l]

No `transformers` package exists here, so the two architectures are written out in plain torch with
transformers' parameter layout and maths (BertForMaskedLM, GPT2LMHeadModel: gelu/gelu_new, post-/pre-LN), and
beam search follows transformers' BeamSearchScorer/BeamHypotheses (v4.4x): top max(2, 1 + #eos) * num_beams
candidates per step, an EOS ranked outside the first num_beams is dropped, a finished hypothesis scores
sum_logprobs / generated_len ** length_penalty (generated_len counts the EOS), early_stopping True | False
(heuristic: best running sum / cur_len ** lp cannot beat the worst kept), open beams added at max length.

GPT-2 is trained for a few hundred Adam steps on CORPUS so that its next-token distributions are peaked:
greedy and beam outputs then do not hinge on float ties between PyTorch and ONNX Runtime (the script records
the smallest top-1/top-2 logit gap along every greedy path as `minGap`).

decoder_model.onnx + decoder_with_past_model.onnx (the split pair) are exported by torch; decoder_model_merged.onnx
is built from them as Optimum's merge_decoders does: one If node on use_cache_branch whose then-branch is the
with-past graph and else-branch the no-past graph (inputs input_ids, attention_mask, position_ids,
past_key_values.N.key/value, use_cache_branch; outputs logits, present.N.key/value).
"""
import copy
import json
import math
import os
import sys

import onnx
import regex
import torch
import torch.nn as nn
import torch.nn.functional as F

OPSET = 14
CORPUS = [
    "the cat sat on the mat .",
    "the dog sat on the log .",
    "a cat and a dog played in the garden .",
    "the bird sang a song in the morning .",
    "she read a book about the sea .",
    "he wrote a letter to his friend .",
    "the sun is bright and the sky is blue .",
    "we walked to the river and back .",
    "the children played with the ball .",
    "my friend likes green tea and cake .",
]


def f32list(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


# ----------------------------------------------------------------------------- tokenizers

BERT_SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def bert_vocab():
    words = sorted({w for line in CORPUS for w in line.split()})
    letters = sorted({c for line in CORPUS for c in line if c != " "})
    pieces = ["##" + c for c in letters] + ["##s", "##ing", "##ed", "##er"]
    vocab = BERT_SPECIAL + list(dict.fromkeys(letters + words + pieces))
    return vocab


def bert_tokenizer_json(vocab):
    ids = {t: i for i, t in enumerate(vocab)}
    added = [dict(id=ids[t], content=t, single_word=False, lstrip=False, rstrip=False, normalized=False, special=True)
             for t in BERT_SPECIAL]
    st = lambda t, ty: {"SpecialToken": {"id": t, "type_id": ty}}
    sq = lambda s, ty: {"Sequence": {"id": s, "type_id": ty}}
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [st("[CLS]", 0), sq("A", 0), st("[SEP]", 0)],
            "pair": [st("[CLS]", 0), sq("A", 0), st("[SEP]", 0), sq("B", 1), st("[SEP]", 1)],
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ["[CLS]", "[SEP]"]},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": ids},
    }


def bert_encode(vocab, text, pair=None):
    """WordPiece on lower-cased, whitespace/punctuation-split text (enough for the fixture sentences)."""
    ids = {t: i for i, t in enumerate(vocab)}

    def words(s):
        out = []
        for w in regex.findall(r"\[MASK\]|\w+|[^\w\s]", s):
            out.append(w if w == "[MASK]" else w.lower())
        return out

    def wordpiece(w):
        if w in ids:
            return [ids[w]]
        res, start = [], 0
        while start < len(w):
            end, cur = len(w), None
            while start < end:
                sub = w[start:end] if start == 0 else "##" + w[start:end]
                if sub in ids:
                    cur = ids[sub]
                    break
                end -= 1
            if cur is None:
                return [ids["[UNK]"]]
            res.append(cur)
            start = end
        return res

    a = [i for w in words(text) for i in wordpiece(w)]
    seq = [ids["[CLS]"]] + a + [ids["[SEP]"]]
    types = [0] * len(seq)
    if pair is not None:
        b = [i for w in words(pair) for i in wordpiece(w)] + [ids["[SEP]"]]
        seq += b
        types += [1] * len(b)
    return seq, types


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


GPT2_PAT = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
EOT = "<|endoftext|>"


def gpt2_pretokens(text):
    b2u = bytes_to_unicode()
    return ["".join(b2u[b] for b in piece.encode("utf-8")) for piece in regex.findall(GPT2_PAT, text)]


def train_bpe(num_merges):
    """Plain BPE training on the GPT-2 pre-tokens of CORPUS (ties: the lexicographically smallest pair)."""
    b2u = bytes_to_unicode()
    vocab = [b2u[b] for b in range(256)]
    counts = {}
    for line in CORPUS:
        for p in gpt2_pretokens(line):
            counts[tuple(p)] = counts.get(tuple(p), 0) + 1
    merges = []
    for _ in range(num_merges):
        pairs = {}
        for w, c in counts.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] = pairs.get((a, b), 0) + c
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        merges.append(best)
        vocab.append(best[0] + best[1])
        new = {}
        for w, c in counts.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            new[tuple(out)] = c
        counts = new
    vocab.append(EOT)
    return vocab, merges


def gpt2_encode(vocab, merges, text):
    ids = {t: i for i, t in enumerate(vocab)}
    ranks = {m: r for r, m in enumerate(merges)}
    out = []
    for p in gpt2_pretokens(text):
        w = list(p)
        while len(w) > 1:
            cands = [(ranks.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(w, w[1:]))]
            r, i = min(cands)
            if r == math.inf:
                break
            w = w[:i] + [w[i] + w[i + 1]] + w[i + 2:]
        out += [ids[t] for t in w]
    return out


def gpt2_tokenizer_json(vocab, merges):
    ids = {t: i for i, t in enumerate(vocab)}
    bl = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [dict(id=ids[EOT], content=EOT, single_word=False, lstrip=False, rstrip=False,
                              normalized=True, special=True)],
        "normalizer": None, "pre_tokenizer": bl, "post_processor": {**bl, "trim_offsets": False}, "decoder": bl,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": ids, "merges": [a + " " + b for a, b in merges]},
    }


# ----------------------------------------------------------------------------- BERT

class BertLayer(nn.Module):
    def __init__(self, h, heads, inter):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(h, h) for _ in range(4))
        self.ln1 = nn.LayerNorm(h, eps=1e-12)
        self.fc1, self.fc2 = nn.Linear(h, inter), nn.Linear(inter, h)
        self.ln2 = nn.LayerNorm(h, eps=1e-12)

    def forward(self, x, add_mask):
        b, t, h = x.shape
        d = h // self.heads
        sp = lambda y: y.view(b, t, self.heads, d).transpose(1, 2)
        q, k, v = sp(self.q(x)), sp(self.k(x)), sp(self.v(x))
        w = q @ k.transpose(-1, -2) / math.sqrt(d) + add_mask
        a = (w.softmax(-1) @ v).transpose(1, 2).reshape(b, t, h)
        x = self.ln1(x + self.o(a))
        return self.ln2(x + self.fc2(F.gelu(self.fc1(x))))


class TinyBert(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.word = nn.Embedding(cfg["vocab_size"], h)
        self.pos = nn.Embedding(cfg["max_position_embeddings"], h)
        self.typ = nn.Embedding(cfg["type_vocab_size"], h)
        self.ln = nn.LayerNorm(h, eps=1e-12)
        self.layers = nn.ModuleList(BertLayer(h, cfg["num_attention_heads"], cfg["intermediate_size"])
                                    for _ in range(cfg["num_hidden_layers"]))
        self.head_dense, self.head_ln = nn.Linear(h, h), nn.LayerNorm(h, eps=1e-12)
        self.head_bias = nn.Parameter(torch.zeros(cfg["vocab_size"]))

    def forward(self, input_ids, attention_mask, token_type_ids):
        t = input_ids.shape[1]
        pos = torch.arange(t, dtype=torch.long).unsqueeze(0)
        x = self.ln(self.word(input_ids) + self.pos(pos) + self.typ(token_type_ids))
        add_mask = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -1e9
        for layer in self.layers:
            x = layer(x, add_mask)
        y = self.head_ln(F.gelu(self.head_dense(x)))
        return y @ self.word.weight.t() + self.head_bias, x


# ----------------------------------------------------------------------------- GPT-2

def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class GptBlock(nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(h), nn.LayerNorm(h)
        self.c_attn, self.c_proj = nn.Linear(h, 3 * h), nn.Linear(h, h)
        self.fc, self.proj = nn.Linear(h, 4 * h), nn.Linear(4 * h, h)

    def forward(self, x, past_k, past_v, allowed):
        b, t, h = x.shape
        d = h // self.heads
        q, k, v = self.c_attn(self.ln1(x)).split(h, dim=2)
        sp = lambda y: y.view(b, t, self.heads, d).transpose(1, 2)
        q, k, v = sp(q), sp(k), sp(v)
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        w = (q @ k.transpose(-1, -2)) / math.sqrt(d)
        w = w.masked_fill(~allowed, -1e9)
        a = (w.softmax(-1) @ v).transpose(1, 2).reshape(b, t, h)
        x = x + self.c_proj(a)
        return x + self.proj(gelu_new(self.fc(self.ln2(x)))), k, v


class TinyGpt2(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["n_embd"]
        self.cfg = cfg
        self.wte = nn.Embedding(cfg["vocab_size"], h)
        self.wpe = nn.Embedding(cfg["n_positions"], h)
        self.blocks = nn.ModuleList(GptBlock(h, cfg["n_head"]) for _ in range(cfg["n_layer"]))
        self.ln_f = nn.LayerNorm(h)

    def forward(self, input_ids, attention_mask, position_ids, past):
        """past: list of (k, v) with shape [batch, heads, past_len, head_dim]; returns logits, presents."""
        t = input_ids.shape[1]
        past_len = past[0][0].shape[2]
        total = attention_mask.shape[1]
        # Query i (absolute position past_len + i) sees key j when j <= past_len + i and the key is not padding.
        qi = torch.arange(t).unsqueeze(1) + past_len
        kj = torch.arange(total).unsqueeze(0)
        allowed = (kj <= qi).unsqueeze(0).unsqueeze(0) & attention_mask[:, None, None, :].bool()
        x = self.wte(input_ids) + self.wpe(position_ids)
        presents = []
        for blk, (pk, pv) in zip(self.blocks, past):
            x, k, v = blk(x, pk, pv, allowed)
            presents.append((k, v))
        return self.ln_f(x) @ self.wte.weight.t(), presents

    def empty_past(self, batch):
        c = self.cfg
        z = torch.zeros(batch, c["n_head"], 0, c["n_embd"] // c["n_head"])
        return [(z, z) for _ in range(c["n_layer"])]


def position_ids_from_mask(mask):
    """transformers' GPT-2 prepare_inputs_for_generation: cumsum(mask) - 1, padding positions set to 1."""
    pos = mask.long().cumsum(-1) - 1
    return pos.masked_fill(mask == 0, 1)


class MergedWrapper(nn.Module):
    def __init__(self, m, with_past):
        super().__init__()
        self.m, self.with_past = m, with_past

    def forward(self, input_ids, attention_mask, position_ids, *rest):
        n = self.m.cfg["n_layer"]
        if self.with_past:
            flat = rest[: 2 * n]
            past = [(flat[2 * i], flat[2 * i + 1]) for i in range(n)]
        else:
            past = self.m.empty_past(input_ids.shape[0])
        logits, presents = self.m(input_ids, attention_mask, position_ids, past)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


def export_gpt2(model, path, with_past):
    cfg = model.cfg
    n, heads, d = cfg["n_layer"], cfg["n_head"], cfg["n_embd"] // cfg["n_head"]
    b, t, p = 2, 3, 4
    ids = torch.randint(0, cfg["vocab_size"], (b, t))
    plen = p if with_past else 0
    mask = torch.ones(b, plen + t, dtype=torch.long)
    pos = torch.arange(plen, plen + t).unsqueeze(0).repeat(b, 1)
    args = [ids, mask, pos]
    names = ["input_ids", "attention_mask", "position_ids"]
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
           "position_ids": {0: "batch_size", 1: "sequence_length"}}
    if with_past:
        for i in range(n):
            for kv in ("key", "value"):
                args.append(torch.randn(b, heads, p, d))
                nm = f"past_key_values.{i}.{kv}"
                names.append(nm)
                dyn[nm] = {0: "batch_size", 2: "past_sequence_length"}
    outs = ["logits"] + [f"present.{i}.{kv}" for i in range(n) for kv in ("key", "value")]
    dyn["logits"] = {0: "batch_size", 1: "sequence_length"}
    for o in outs[1:]:
        dyn[o] = {0: "batch_size", 2: "total_sequence_length"}
    torch.onnx.export(MergedWrapper(model, with_past), tuple(args), path, input_names=names,
                      output_names=outs, dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True)


def merge_decoders(no_past_path, with_past_path, out_path):
    """Optimum's merged decoder: If(use_cache_branch) over the two graphs, each a subgraph whose names are prefixed
    (ONNX wants every value name unique across scopes) except the outer inputs it reads."""
    m0, m1 = onnx.load(no_past_path), onnx.load(with_past_path)
    outer = {i.name for i in m1.graph.input}
    outputs = [copy.deepcopy(o) for o in m1.graph.output]  # before the branches rename them

    def branch(g, prefix):
        ren = lambda n: n if (n in outer or n == "") else prefix + n
        for node in g.node:
            node.input[:] = [ren(x) for x in node.input]
            node.output[:] = [ren(x) for x in node.output]
            node.name = prefix + node.name
        for x in list(g.initializer) + list(g.output) + list(g.value_info):
            x.name = ren(x.name)
        return onnx.helper.make_graph(list(g.node), prefix + "graph", [], list(g.output), list(g.initializer),
                                      value_info=list(g.value_info))

    out_names = [o.name for o in outputs]
    use = onnx.helper.make_tensor_value_info("use_cache_branch", onnx.TensorProto.BOOL, [1])
    node = onnx.helper.make_node("If", ["use_cache_branch"], out_names, name="optimum::if",
                                 then_branch=branch(m1.graph, "with_past_"), else_branch=branch(m0.graph, "no_past_"))
    graph = onnx.helper.make_graph([node], "decoder_model_merged", list(m1.graph.input) + [use], outputs)
    merged = onnx.helper.make_model(graph, opset_imports=m1.opset_import, producer_name="gen-neural-fixtures")
    onnx.checker.check_model(merged)
    onnx.save(merged, out_path)


# ----------------------------------------------------------------------------- generation references

def rep_penalty(scores, seqs, penalty):
    if penalty == 1.0:
        return scores
    scores = scores.clone()
    for r, seq in enumerate(seqs):
        idx = torch.tensor(sorted(set(seq)), dtype=torch.long)
        s = scores[r, idx]
        scores[r, idx] = torch.where(s < 0, s * penalty, s / penalty)
    return scores


def run_full(model, seqs):
    """Logits of the last position for each sequence, without cache (one sequence at a time)."""
    rows = []
    for s in seqs:
        ids = torch.tensor([s])
        mask = torch.ones_like(ids)
        logits, _ = model(ids, mask, position_ids_from_mask(mask), model.empty_past(1))
        rows.append(logits[0, -1])
    return torch.stack(rows)


def greedy(model, prompt, max_new, eos, penalty=1.0):
    seq, steps, min_gap = list(prompt), [], math.inf
    for _ in range(max_new):
        logits = run_full(model, [seq])
        logp = logits.log_softmax(-1)
        proc = rep_penalty(logits, [seq], penalty)
        top2 = proc[0].topk(2)
        min_gap = min(min_gap, float(top2.values[0] - top2.values[1]))
        tok = int(top2.indices[0])
        steps.append({"token": tok, "logProb": float(logp[0, tok])})
        seq.append(tok)
        if tok == eos:
            break
    return {"tokens": [s["token"] for s in steps], "logProbs": [s["logProb"] for s in steps], "minGap": min_gap}


class Hyps:
    def __init__(self, num_beams, lp, early, max_length):
        self.n, self.lp, self.early, self.max_length = num_beams, lp, early, max_length
        self.beams, self.worst = [], 1e9

    def add(self, hyp, sum_logprobs, generated_len):
        score = sum_logprobs / (generated_len ** self.lp)
        if len(self.beams) < self.n or score > self.worst:
            self.beams.append((score, hyp))
            if len(self.beams) > self.n:
                order = sorted((s, i) for i, (s, _) in enumerate(self.beams))
                del self.beams[order[0][1]]
                self.worst = order[1][0]
            else:
                self.worst = min(score, self.worst)

    def is_done(self, best_sum, cur_len):
        if len(self.beams) < self.n:
            return False
        if self.early is True:
            return True
        return self.worst >= best_sum / (cur_len ** self.lp)


def beam_search(model, prompt, num_beams, max_new, eos, lp=1.0, early=False, num_return=1, penalty=1.0):
    """transformers' _beam_search + BeamSearchScorer for one prompt (batch 1); decoder_prompt_len = len(prompt)."""
    plen = len(prompt)
    beams = [list(prompt) for _ in range(num_beams)]
    beam_scores = torch.full((num_beams,), -1e9)
    beam_scores[0] = 0.0
    hyps = Hyps(num_beams, lp, early, plen + max_new)
    vocab = model.cfg["vocab_size"]
    done = False
    while True:
        logits = run_full(model, beams)
        scores = rep_penalty(logits.log_softmax(-1), beams, penalty) + beam_scores[:, None]
        flat = scores.reshape(-1)
        top_scores, top_ids = flat.topk(2 * num_beams, largest=True, sorted=True)
        cur_len = len(beams[0]) + 1
        nxt = []
        for rank, (s, fid) in enumerate(zip(top_scores.tolist(), top_ids.tolist())):
            src, tok = fid // vocab, fid % vocab
            if tok == eos:
                if rank >= num_beams:
                    continue
                hyps.add(beams[src][plen:], s, cur_len - plen)
            else:
                nxt.append((s, beams[src] + [tok]))
            if len(nxt) == num_beams:
                break
        done = hyps.is_done(float(top_scores.max()), cur_len - plen)
        beams = [b for _, b in nxt]
        beam_scores = torch.tensor([s for s, _ in nxt])
        if done or len(beams[0]) >= plen + max_new:
            break
    if not done:
        for b, s in zip(beams, beam_scores.tolist()):
            hyps.add(b[plen:], s, len(b) - plen)
    best = sorted(hyps.beams, key=lambda x: x[0], reverse=True)[:num_return]
    return [{"tokens": h, "score": s} for s, h in best]


# ----------------------------------------------------------------------------- encoder-decoders (Marian, BART, T5)
#
# One small transformer written three ways, each with what its transformers class does differently and Optimum's
# ONNX names: encoder_model.onnx (input_ids, attention_mask -> last_hidden_state), decoder_model.onnx
# (encoder_attention_mask, input_ids, encoder_hidden_states -> logits, present.N.decoder/encoder.key/value),
# decoder_with_past_model.onnx (encoder_attention_mask, input_ids, past_key_values.N.* -> logits,
# present.N.decoder.*) and decoder_model_merged.onnx (If on use_cache_branch; its with-past branch passes the
# encoder past through as present.N.encoder.*, which transformers.js ignores and so do we).
#   marian: embeddings * sqrt(d), sinusoidal positions, post-LN, swish, final_logits_bias; decoder_start = pad,
#           bad_words_ids [[pad]], forced_eos_token_id = eos (opus-mt's generation_config).
#   bart:   learned positions offset by 2, layernorm_embedding, post-LN, gelu, final_logits_bias;
#           decoder_start = eos, forced_bos_token_id = bos, forced_eos_token_id = eos.
#   t5:     no position embeddings but relative position buckets (bidirectional encoder, causal decoder), pre-RMSNorm,
#           no biases, unscaled attention, relu, final norm, lm head on x * d ** -0.5; decoder_start = pad.
# The tokenizers are Unigram + Metaspace (SentencePiece-like) with each family's special tokens and post-processor
# (BART's real one is byte-level BPE; the runtime does not depend on it). Each model is trained for a few
# hundred Adam steps to "translate" by reversing the letters of every word, so that greedy and beam results do
# not hinge on float ties (`minGap` as for GPT-2).

S2S_STYLES = ("marian", "bart", "t5")
S2S_EXTRA_SOURCES = ["a dog sang in the garden .", "she read a letter to the sun", "the children walked with the bird ."]


def s2s_words():
    words = sorted({w for line in CORPUS + S2S_EXTRA_SOURCES for w in line.split()})
    return words, sorted({w[::-1] for w in words} - set(words))


def s2s_vocab(style):
    words, rev = s2s_words()
    pieces = ["▁" + w for w in words + rev]
    letters = sorted({c for w in words for c in w})
    if style == "marian":
        specials_front, specials_back = ["</s>", "<unk>"], ["<pad>"]
    elif style == "bart":
        specials_front, specials_back = ["<s>", "<pad>", "</s>", "<unk>"], ["<mask>"]
    else:
        specials_front, specials_back = ["<pad>", "</s>", "<unk>"], []
    vocab = specials_front + pieces + ["▁"] + letters + specials_back
    ids = {t: i for i, t in enumerate(vocab)}
    sp = {"eos": ids["</s>"], "unk": ids["<unk>"], "pad": ids["<pad>"], "bos": ids.get("<s>")}
    return vocab, ids, sp


def s2s_tokenizer_json(style, vocab, ids):
    special = [t for t in vocab if t.startswith("<")]
    scored = []
    for t in vocab:
        if t in special:
            scored.append([t, 0.0])
        elif t.startswith("▁") and len(t) > 1:
            scored.append([t, -2.0 - 0.01 * len(t)])
        else:
            scored.append([t, -10.0])
    ms = {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True}
    st = lambda t: {"SpecialToken": {"id": t, "type_id": 0}}
    seq = {"Sequence": {"id": "A", "type_id": 0}}
    single = ([st("<s>")] if style == "bart" else []) + [seq, st("</s>")]
    spec = {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in (["<s>", "</s>"] if style == "bart" else ["</s>"])}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [dict(id=ids[t], content=t, single_word=False, lstrip=False, rstrip=False, normalized=False,
                              special=True) for t in special],
        "normalizer": None, "pre_tokenizer": ms,
        "post_processor": {"type": "TemplateProcessing", "single": single, "pair": single + [seq, st("</s>")],
                           "special_tokens": spec},
        "decoder": ms,
        "model": {"type": "Unigram", "unk_id": ids["<unk>"], "vocab": scored, "byte_fallback": False},
    }


def s2s_encode(style, ids, text):
    body = [ids["▁" + w] for w in text.split()]
    return ([ids["<s>"]] if style == "bart" else []) + body + [ids["</s>"]]


def sinusoidal_table(n_pos, dim):
    """MarianSinusoidalPositionalEmbedding._init_weight: sin of even columns first, then cos of the odd ones."""
    enc = torch.tensor([[pos / (10000 ** (2 * (j // 2) / dim)) for j in range(dim)] for pos in range(n_pos)],
                       dtype=torch.float64)
    out = torch.zeros(n_pos, dim)
    half = dim // 2 + dim % 2
    out[:, :half] = torch.sin(enc[:, 0::2]).float()
    out[:, half:] = torch.cos(enc[:, 1::2]).float()
    return out


def t5_bucket(rel, bidirectional, num_buckets, max_distance):
    """transformers' T5Attention._relative_position_bucket."""
    buckets = torch.zeros_like(rel)
    if bidirectional:
        num_buckets //= 2
        buckets = buckets + (rel > 0).to(torch.long) * num_buckets
        rel = torch.abs(rel)
    else:
        rel = -torch.min(rel, torch.zeros_like(rel))
    max_exact = num_buckets // 2
    is_small = rel < max_exact
    large = max_exact + (torch.log(rel.float() / max_exact) / math.log(max_distance / max_exact)
                         * (num_buckets - max_exact)).to(torch.long)
    large = torch.min(large, torch.full_like(large, num_buckets - 1))
    return buckets + torch.where(is_small, rel, large)


class RMSNorm(nn.Module):
    def __init__(self, d, eps=1e-6):
        super().__init__()
        self.weight, self.eps = nn.Parameter(torch.ones(d)), eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


class S2SAttn(nn.Module):
    def __init__(self, d, heads, t5):
        super().__init__()
        self.heads, self.t5, self.scale = heads, t5, (d // heads) ** -0.5  # a Python float: no double in the graph
        self.q, self.k, self.v, self.o = (nn.Linear(d, d, bias=not t5) for _ in range(4))

    def split(self, y):
        b, t, d = y.shape
        return y.view(b, t, self.heads, d // self.heads).transpose(1, 2)

    def kv(self, x):
        return self.split(self.k(x)), self.split(self.v(x))

    def forward(self, x, k, v, add):
        q = self.split(self.q(x))
        if not self.t5:
            q = q * self.scale
        w = q @ k.transpose(-1, -2) + add
        b, _, t, _ = q.shape
        return self.o((w.softmax(-1) @ v).transpose(1, 2).reshape(b, t, -1))


class S2SLayer(nn.Module):
    def __init__(self, style, d, heads, ffn, cross):
        super().__init__()
        t5 = style == "t5"
        self.style, self.pre = style, t5
        norm = (lambda: RMSNorm(d)) if t5 else (lambda: nn.LayerNorm(d))
        self.self_attn, self.n1 = S2SAttn(d, heads, t5), norm()
        self.cross = S2SAttn(d, heads, t5) if cross else None
        self.n2 = norm() if cross else None
        self.fc1, self.fc2, self.n3 = nn.Linear(d, ffn, bias=not t5), nn.Linear(ffn, d, bias=not t5), norm()
        self.act = {"marian": F.silu, "bart": F.gelu, "t5": F.relu}[style]

    def forward(self, x, self_add, past=None, cross_kv=None, cross_add=None):
        h = self.n1(x) if self.pre else x
        k, v = self.self_attn.kv(h)
        if past is not None:
            k, v = torch.cat([past[0], k], 2), torch.cat([past[1], v], 2)
        a = self.self_attn(h, k, v, self_add)
        x = x + a if self.pre else self.n1(x + a)
        if self.cross is not None:
            h = self.n2(x) if self.pre else x
            a = self.cross(h, cross_kv[0], cross_kv[1], cross_add)
            x = x + a if self.pre else self.n2(x + a)
        h = self.n3(x) if self.pre else x
        f = self.fc2(self.act(self.fc1(h)))
        return (x + f if self.pre else self.n3(x + f)), (k, v)


class TinySeq2Seq(nn.Module):
    def __init__(self, style, cfg):
        super().__init__()
        self.style, self.cfg = style, cfg
        d, heads, ffn, n = cfg["d_model"], cfg["_heads"], cfg["_ffn"], cfg["_layers"]
        self.d, self.heads, self.n = d, heads, n
        self.emb = nn.Embedding(cfg["vocab_size"], d)
        if style == "marian":
            self.register_buffer("sinus", sinusoidal_table(cfg["max_position_embeddings"], d))
        if style == "bart":
            self.enc_pos = nn.Embedding(cfg["max_position_embeddings"] + 2, d)
            self.dec_pos = nn.Embedding(cfg["max_position_embeddings"] + 2, d)
            self.enc_ln_emb, self.dec_ln_emb = nn.LayerNorm(d), nn.LayerNorm(d)
        if style == "t5":
            self.enc_rel = nn.Embedding(cfg["relative_attention_num_buckets"], heads)
            self.dec_rel = nn.Embedding(cfg["relative_attention_num_buckets"], heads)
            self.enc_final, self.dec_final = RMSNorm(d), RMSNorm(d)
        if style != "t5":
            self.register_buffer("final_logits_bias", torch.zeros(1, cfg["vocab_size"]))
        self.enc = nn.ModuleList(S2SLayer(style, d, heads, ffn, False) for _ in range(n))
        self.dec = nn.ModuleList(S2SLayer(style, d, heads, ffn, True) for _ in range(n))

    def embed(self, ids, pos, side):
        if self.style == "marian":
            return self.emb(ids) * math.sqrt(self.d) + self.sinus[pos]
        if self.style == "bart":
            x = self.emb(ids) + (self.enc_pos if side == "enc" else self.dec_pos)(pos + 2)
            return (self.enc_ln_emb if side == "enc" else self.dec_ln_emb)(x)
        return self.emb(ids)

    def rel_bias(self, q_pos, k_pos, side):
        c = self.cfg
        b = t5_bucket(k_pos[None, :] - q_pos[:, None], side == "enc", c["relative_attention_num_buckets"],
                      c["relative_attention_max_distance"])
        return (self.enc_rel if side == "enc" else self.dec_rel)(b).permute(2, 0, 1).unsqueeze(0)

    def encode(self, ids, mask):
        t = ids.shape[1]
        pos = torch.arange(t)
        x = self.embed(ids, pos, "enc")
        add = (1.0 - mask[:, None, None, :].to(x.dtype)) * -1e9
        if self.style == "t5":
            add = add + self.rel_bias(pos, pos, "enc")
        for layer in self.enc:
            x, _ = layer(x, add)
        return self.enc_final(x) if self.style == "t5" else x

    def cross_kv(self, enc_out):
        return [layer.cross.kv(enc_out) for layer in self.dec]

    def decode(self, ids, enc_mask, past, cross):
        """past: per layer (k, v) [batch, heads, past_len, head_dim]; cross: per layer (k, v) of the encoder."""
        t = ids.shape[1]
        past_len = past[0][0].shape[2]
        q_pos = torch.arange(t) + past_len
        k_pos = torch.arange(past_len + t)
        x = self.embed(ids, q_pos, "dec")
        add = (k_pos[None, :] > q_pos[:, None]).float()[None, None] * -1e9
        if self.style == "t5":
            add = add + self.rel_bias(q_pos, k_pos, "dec")
        cross_add = (1.0 - enc_mask[:, None, None, :].to(x.dtype)) * -1e9
        presents = []
        for layer, p, c in zip(self.dec, past, cross):
            x, kv = layer(x, add, p, c, cross_add)
            presents.append(kv)
        if self.style == "t5":
            logits = (self.dec_final(x) * self.d ** -0.5) @ self.emb.weight.t()
        else:
            logits = x @ self.emb.weight.t() + self.final_logits_bias
        return logits, presents

    def empty_past(self, batch):
        z = torch.zeros(batch, self.heads, 0, self.d // self.heads)
        return [(z, z) for _ in range(self.n)]


class S2SEncoderWrapper(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask):
        return self.m.encode(input_ids, attention_mask)


class S2SDecoderWrapper(nn.Module):
    def __init__(self, m, with_past):
        super().__init__()
        self.m, self.with_past = m, with_past

    def forward(self, encoder_attention_mask, input_ids, *rest):
        n = self.m.n
        if self.with_past:
            past = [(rest[4 * i], rest[4 * i + 1]) for i in range(n)]
            cross = [(rest[4 * i + 2], rest[4 * i + 3]) for i in range(n)]
        else:
            past = self.m.empty_past(input_ids.shape[0])
            cross = self.m.cross_kv(rest[0])
        logits, presents = self.m.decode(input_ids, encoder_attention_mask, past, cross)
        out = [logits]
        for (k, v), (ck, cv) in zip(presents, cross):
            out += [k, v] if self.with_past else [k, v, ck, cv]
        return tuple(out)


def export_s2s(model, onnx_dir):
    n, h, dh, d, V = model.n, model.heads, model.d // model.heads, model.d, model.cfg["vocab_size"]
    b, s, t, p = 2, 5, 1, 3
    enc_ids, enc_mask = torch.randint(4, V - 1, (b, s)), torch.ones(b, s, dtype=torch.long)
    torch.onnx.export(S2SEncoderWrapper(model), (enc_ids, enc_mask), os.path.join(onnx_dir, "encoder_model.onnx"),
                      input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                      dynamic_axes={"input_ids": {0: "batch_size", 1: "encoder_sequence_length"},
                                    "attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
                                    "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"}},
                      opset_version=OPSET)
    dec_ids = torch.randint(4, V - 1, (b, t))
    hidden = torch.randn(b, s, d)
    base_dyn = {"encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
                "input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
                "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
    names0 = ["encoder_attention_mask", "input_ids", "encoder_hidden_states"]
    outs0 = ["logits"] + [f"present.{i}.{side}.{kv}" for i in range(n) for side in ("decoder", "encoder")
                          for kv in ("key", "value")]
    dyn0 = {**base_dyn, "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"}}
    for o in outs0[1:]:
        dyn0[o] = {0: "batch_size", 2: "past_decoder_sequence_length + 1" if ".decoder." in o else "encoder_sequence_length_out"}
    torch.onnx.export(S2SDecoderWrapper(model, False), (enc_mask, dec_ids, hidden),
                      os.path.join(onnx_dir, "decoder_model.onnx"), input_names=names0, output_names=outs0,
                      dynamic_axes=dyn0, opset_version=OPSET)
    names1, args1 = ["encoder_attention_mask", "input_ids"], [enc_mask, dec_ids]
    dyn1 = dict(base_dyn)
    for i in range(n):
        for side, ln in (("decoder", p), ("encoder", s)):
            for kv in ("key", "value"):
                nm = f"past_key_values.{i}.{side}.{kv}"
                names1.append(nm)
                args1.append(torch.randn(b, h, ln, dh))
                dyn1[nm] = {0: "batch_size", 2: "past_decoder_sequence_length" if side == "decoder" else "encoder_sequence_length_out"}
    outs1 = ["logits"] + [f"present.{i}.decoder.{kv}" for i in range(n) for kv in ("key", "value")]
    for o in outs1[1:]:
        dyn1[o] = {0: "batch_size", 2: "past_decoder_sequence_length + 1"}
    torch.onnx.export(S2SDecoderWrapper(model, True), tuple(args1), os.path.join(onnx_dir, "decoder_with_past_model.onnx"),
                      input_names=names1, output_names=outs1, dynamic_axes=dyn1, opset_version=OPSET)
    merge_seq2seq_decoders(os.path.join(onnx_dir, "decoder_model.onnx"),
                           os.path.join(onnx_dir, "decoder_with_past_model.onnx"),
                           os.path.join(onnx_dir, "decoder_model_merged.onnx"))


def merge_seq2seq_decoders(no_past_path, with_past_path, out_path):
    """Optimum's merged seq2seq decoder: inputs are the union of both graphs' plus use_cache_branch; the with-past
    branch has no cross-attention outputs of its own, so (as Optimum fills them with dummies) it returns the
    encoder past inputs unchanged as present.N.encoder.*."""
    m0, m1 = onnx.load(no_past_path), onnx.load(with_past_path)
    inputs = [copy.deepcopy(i) for i in m0.graph.input]
    inputs += [copy.deepcopy(i) for i in m1.graph.input if i.name not in {x.name for x in inputs}]
    outer = {i.name for i in inputs}
    outputs = [copy.deepcopy(o) for o in m0.graph.output]

    def branch(g, prefix, extra):
        ren = lambda n: n if (n in outer or n == "") else prefix + n
        for node in g.node:
            node.input[:] = [ren(x) for x in node.input]
            node.output[:] = [ren(x) for x in node.output]
            node.name = prefix + node.name
        for x in list(g.initializer) + list(g.output) + list(g.value_info):
            x.name = ren(x.name)
        nodes, outs = list(g.node), {o.name: o for o in g.output}
        for name in extra:  # present.N.encoder.* := past_key_values.N.encoder.*
            src = name.replace("present.", "past_key_values.")
            nodes.append(onnx.helper.make_node("Identity", [src], [prefix + name], name=prefix + "pass_" + name))
            outs[prefix + name] = onnx.helper.make_tensor_value_info(prefix + name, onnx.TensorProto.FLOAT,
                                                                     ["batch_size", "heads", "encoder_sequence_length_out", "head_dim"])
        ordered = [outs[prefix + o.name] if prefix + o.name in outs else outs[o.name] for o in outputs]
        return onnx.helper.make_graph(nodes, prefix + "graph", [], ordered, list(g.initializer),
                                      value_info=list(g.value_info))

    have = {o.name for o in m1.graph.output}
    extra = [o.name for o in outputs if o.name not in have]
    then_g = branch(m1.graph, "with_past_", extra)
    else_g = branch(m0.graph, "no_past_", [])
    use = onnx.helper.make_tensor_value_info("use_cache_branch", onnx.TensorProto.BOOL, [1])
    node = onnx.helper.make_node("If", ["use_cache_branch"], [o.name for o in outputs], name="optimum::if",
                                 then_branch=then_g, else_branch=else_g)
    for o in outputs:  # the branches name their dims differently: symbolic dims only on the merged outputs
        for i, dim in enumerate(o.type.tensor_type.shape.dim):
            dim.Clear()
            dim.dim_param = f"{o.name}_dim{i}"
    graph = onnx.helper.make_graph([node], "decoder_model_merged", inputs + [use], outputs)
    merged = onnx.helper.make_model(graph, opset_imports=m1.opset_import, producer_name="gen-neural-fixtures")
    onnx.checker.check_model(merged)
    onnx.save(merged, out_path)


def s2s_process(scores, seqs, o, max_length):
    """transformers' NoBadWords, ForcedBOS and ForcedEOS processors (cur_len = decoder length incl. the start)."""
    scores = scores.clone()
    for r, seq in enumerate(seqs):
        for bad in o["bad_words_ids"]:
            if len(bad) == 1 or seq[len(seq) - len(bad) + 1:] == bad[:-1]:
                scores[r, bad[-1]] = -math.inf
        cur = len(seq)
        if cur == 1 and o.get("forced_bos_token_id") is not None:
            scores[r] = -math.inf
            scores[r, o["forced_bos_token_id"]] = 0
        if cur == max_length - 1 and o.get("forced_eos_token_id") is not None:
            scores[r] = -math.inf
            scores[r, o["forced_eos_token_id"]] = 0
    return scores


def s2s_run_full(model, enc_out, enc_mask, seqs):
    """Last-position logits of each decoder sequence, no cache (each row against the same encoder output)."""
    rows = []
    cross = model.cross_kv(enc_out)
    for s in seqs:
        logits, _ = model.decode(torch.tensor([s]), enc_mask, model.empty_past(1), cross)
        rows.append(logits[0, -1])
    return torch.stack(rows)


def s2s_greedy(model, src, o, max_new):
    ids = torch.tensor([src])
    mask = torch.ones_like(ids)
    enc = model.encode(ids, mask)
    seq, toks, lps, min_gap = [o["decoder_start_token_id"]], [], [], math.inf
    for _ in range(max_new):
        logits = s2s_run_full(model, enc, mask, [seq])
        logp = logits.log_softmax(-1)
        proc = s2s_process(logits, [seq], o, 1 + max_new)
        top2 = proc[0].topk(2)
        gap = float(top2.values[0] - top2.values[1])
        if math.isfinite(gap):  # forced steps have one finite score: no tie possible
            min_gap = min(min_gap, gap)
        tok = int(top2.indices[0])
        toks.append(tok)
        lps.append(float(logp[0, tok]))
        seq.append(tok)
        if tok == o["eos_token_id"]:
            break
    return {"tokens": toks, "logProbs": lps, "minGap": min_gap}


def s2s_beam(model, src, o, num_beams, max_new, lp=1.0, early=False, num_return=1):
    """transformers' beam search for an encoder-decoder (decoder prompt = [decoder_start], so generated lengths
    exclude it), processors applied to the log-softmax as in _beam_search."""
    ids = torch.tensor([src])
    mask = torch.ones_like(ids)
    enc = model.encode(ids, mask)
    eos, vocab, plen, max_length = o["eos_token_id"], model.cfg["vocab_size"], 1, 1 + max_new
    beams = [[o["decoder_start_token_id"]] for _ in range(num_beams)]
    beam_scores = torch.full((num_beams,), -1e9)
    beam_scores[0] = 0.0
    hyps = Hyps(num_beams, lp, early, max_length)
    done = False
    while True:
        logits = s2s_run_full(model, enc, mask, beams)
        scores = s2s_process(logits.log_softmax(-1), beams, o, max_length) + beam_scores[:, None]
        top_scores, top_ids = scores.reshape(-1).topk(2 * num_beams, largest=True, sorted=True)
        cur_len = len(beams[0]) + 1
        nxt = []
        for rank, (sc, fid) in enumerate(zip(top_scores.tolist(), top_ids.tolist())):
            b, tok = fid // vocab, fid % vocab
            if tok == eos:
                if rank >= num_beams:
                    continue
                hyps.add(beams[b][plen:], sc, cur_len - plen)
            else:
                nxt.append((sc, beams[b] + [tok]))
            if len(nxt) == num_beams:
                break
        done = hyps.is_done(float(top_scores.max()), cur_len - plen)
        beams = [bm for _, bm in nxt]
        beam_scores = torch.tensor([sc for sc, _ in nxt])
        if done or len(beams[0]) >= max_length:
            break
    if not done:
        for bm, sc in zip(beams, beam_scores.tolist()):
            hyps.add(bm[plen:], sc, len(bm) - plen)
    best = sorted(hyps.beams, key=lambda x: x[0], reverse=True)[:num_return]
    return [{"tokens": h, "score": sc} for sc, h in best]


def make_seq2seq(style, out):
    torch.manual_seed({"marian": 11, "bart": 22, "t5": 33}[style])
    vocab, ids, sp = s2s_vocab(style)
    V, d, heads, layers, ffn = len(vocab), 32, 4, 2, 64
    gen = {"decoder_start_token_id": sp["pad"] if style in ("marian", "t5") else sp["eos"],
           "eos_token_id": sp["eos"], "pad_token_id": sp["pad"], "bad_words_ids": [],
           "forced_bos_token_id": None, "forced_eos_token_id": None}
    if style == "marian":
        cfg = {"architectures": ["MarianMTModel"], "model_type": "marian", "vocab_size": V, "d_model": d,
               "encoder_layers": layers, "decoder_layers": layers, "num_hidden_layers": layers,
               "encoder_attention_heads": heads, "decoder_attention_heads": heads, "encoder_ffn_dim": ffn,
               "decoder_ffn_dim": ffn, "activation_function": "swish", "max_position_embeddings": 64,
               "scale_embedding": True, "static_position_embeddings": True, "share_encoder_decoder_embeddings": True,
               "is_encoder_decoder": True, "tie_word_embeddings": True, "use_cache": True}
        gen.update(bad_words_ids=[[sp["pad"]]], forced_eos_token_id=sp["eos"], bos_token_id=sp["eos"], num_beams=4,
                   max_length=64)
    elif style == "bart":
        cfg = {"architectures": ["BartForConditionalGeneration"], "model_type": "bart", "vocab_size": V, "d_model": d,
               "encoder_layers": layers, "decoder_layers": layers, "num_hidden_layers": layers,
               "encoder_attention_heads": heads, "decoder_attention_heads": heads, "encoder_ffn_dim": ffn,
               "decoder_ffn_dim": ffn, "activation_function": "gelu", "max_position_embeddings": 64,
               "scale_embedding": False, "is_encoder_decoder": True, "tie_word_embeddings": True, "use_cache": True}
        gen.update(bos_token_id=sp["bos"], forced_bos_token_id=sp["bos"], forced_eos_token_id=sp["eos"], max_length=64)
    else:
        cfg = {"architectures": ["T5ForConditionalGeneration"], "model_type": "t5", "vocab_size": V, "d_model": d,
               "d_kv": d // heads, "d_ff": ffn, "num_layers": layers, "num_decoder_layers": layers, "num_heads": heads,
               "relative_attention_num_buckets": 8, "relative_attention_max_distance": 16,
               "feed_forward_proj": "relu", "is_encoder_decoder": True, "tie_word_embeddings": True,
               "use_cache": True, "layer_norm_epsilon": 1e-6}
    for k in ("decoder_start_token_id", "eos_token_id", "pad_token_id"):
        cfg[k] = gen[k]
    if style != "t5":
        cfg["bos_token_id"] = gen["bos_token_id"]
    cfg_model = {**cfg, "_heads": heads, "_ffn": ffn, "_layers": layers}
    model = TinySeq2Seq(style, cfg_model)
    with torch.no_grad():
        if style != "t5":
            model.final_logits_bias.normal_(0.0, 0.1)
    # Training pairs: every word's letters reversed ("the cat" -> "eht tac").
    pairs = [(s2s_encode(style, ids, line), s2s_encode(style, ids, " ".join(w[::-1] for w in line.split())))
             for line in CORPUS]
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    start = gen["decoder_start_token_id"]
    for _ in range(250):
        sw = max(len(s) for s, _ in pairs)
        tw = max(len(t) for _, t in pairs)
        src = torch.tensor([s + [sp["pad"]] * (sw - len(s)) for s, _ in pairs])
        smask = torch.tensor([[1] * len(s) + [0] * (sw - len(s)) for s, _ in pairs])
        tgt = torch.tensor([t + [-100] * (tw - len(t)) for _, t in pairs])
        dec_in = torch.tensor([[start] + t[:-1] + [sp["pad"]] * (tw - len(t)) for _, t in pairs])
        enc = model.encode(src, smask)
        logits, _ = model.decode(dec_in, smask, model.empty_past(len(pairs)), model.cross_kv(enc))
        loss = F.cross_entropy(logits.reshape(-1, V), tgt.reshape(-1), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"{style} final train loss {loss.item():.4f}")
    model.eval()
    onnx_dir = os.path.join(out, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    write_json(os.path.join(out, "config.json"), cfg)
    gen_json = {k: v for k, v in gen.items() if v is not None and v != []}
    write_json(os.path.join(out, "generation_config.json"), gen_json)
    write_json(os.path.join(out, "tokenizer.json"), s2s_tokenizer_json(style, vocab, ids))
    tok_cfg = {"tokenizer_class": {"marian": "MarianTokenizer", "bart": "BartTokenizer", "t5": "T5Tokenizer"}[style],
               "model_max_length": 64, "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}
    if style == "bart":
        tok_cfg.update(bos_token="<s>", mask_token="<mask>")
    write_json(os.path.join(out, "tokenizer_config.json"), tok_cfg)
    with torch.no_grad():
        export_s2s(model, onnx_dir)
        if style != "marian":  # the split pair is kept for one family only (size); the merged graph has both branches
            os.remove(os.path.join(onnx_dir, "decoder_model.onnx"))
            os.remove(os.path.join(onnx_dir, "decoder_with_past_model.onnx"))
        o = {**gen}
        sources = ["the cat sat on the mat .", "the dog sat on the log ."] + S2S_EXTRA_SOURCES
        ref = {"style": style, "special": sp, "sources": [], "greedy": [], "beam": []}
        for text in sources:
            src = s2s_encode(style, ids, text)
            it = torch.tensor([src])
            enc = model.encode(it, torch.ones_like(it))
            first, _ = model.decode(torch.tensor([[start]]), torch.ones_like(it), model.empty_past(1), model.cross_kv(enc))
            ref["sources"].append({"text": text, "ids": src, "lastHiddenState": f32list(enc), "firstLogits": f32list(first)})
            ref["greedy"].append({"text": text, "maxNewTokens": 12, **s2s_greedy(model, src, o, 12)})
        short = s2s_greedy(model, s2s_encode(style, ids, sources[3]), o, 4)  # forced EOS (when set) at the limit
        ref["greedy"].append({"text": sources[3], "maxNewTokens": 4, **short})
        bad = [[ids["▁tac"]], [ids["▁eht"], ids["▁god"]]]
        ref["greedy"].append({"text": sources[0], "maxNewTokens": 12, "badWordsIds": bad,
                              **s2s_greedy(model, s2s_encode(style, ids, sources[0]), {**o, "bad_words_ids": o["bad_words_ids"] + bad}, 12)})
        for si, nb, lp_, early, nret, mx in [(0, 3, 1.0, False, 2, 12), (2, 4, 0.5, True, 3, 12), (3, 3, 2.0, False, 1, 12),
                                            (4, 2, 1.0, False, 2, 6)]:
            res = s2s_beam(model, s2s_encode(style, ids, sources[si]), o, nb, mx, lp_, early, nret)
            ref["beam"].append({"text": sources[si], "numBeams": nb, "lengthPenalty": lp_, "earlyStopping": early,
                                "numReturnSequences": nret, "maxNewTokens": mx, "results": res})
    write_json(os.path.join(out, "reference.json"), ref)


# ----------------------------------------------------------------------------- d2l seq2seq with Bahdanau attention
#
# d2l.ai's Seq2SeqEncoder (embedding + multi-layer GRU) and Seq2SeqAttentionDecoder (additive attention over the
# encoder outputs, GRU on [context; embedding], dense to the vocabulary; `masked_softmax` with -1e6 past valid_len),
# exported as two graphs (batch first, so beams gather along axis 0):
#   onnx/encoder.onnx:      input_ids [b, s] -> enc_outputs [b, s, h], hidden_state [b, layers, h]
#   onnx/decoder_step.onnx: input_ids [b, 1], hidden_state, enc_outputs, enc_valid_lens [b]
#                           -> logits [b, 1, v], next_hidden_state [b, layers, h], attention_weights [b, 1, s]
# Vocabularies are d2l's Vocab layout (<unk> <pad> <bos> <eos> then words) written as WordLevel tokenizer.json
# files (source_tokenizer.json appends <eos> as d2l's build_array does). Sources are padded with <pad> to
# num_steps as d2l's truncate_pad does (its encoder runs over the padding). Decoding starts from <bos>;
# the reference greedy path and attention weights follow d2l's predict_step, beam search is transformers' (as above).

D2L_SPECIAL = ["<unk>", "<pad>", "<bos>", "<eos>"]


def d2l_tokenizer_json(vocab, append_eos):
    ids = {t: i for i, t in enumerate(vocab)}
    tj = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [dict(id=ids[t], content=t, single_word=False, lstrip=False, rstrip=False, normalized=False,
                              special=True) for t in D2L_SPECIAL],
        # d2l's preprocess_nmt: lower-case, a space before , . ! ? (here: those split off as tokens).
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "WhitespaceSplit"},
            {"type": "Split", "pattern": {"Regex": "[,.!?]"}, "behavior": "Isolated", "invert": False}]},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": ids, "unk_token": "<unk>"},
    }
    if append_eos:
        st = {"SpecialToken": {"id": "<eos>", "type_id": 0}}
        tj["post_processor"] = {"type": "TemplateProcessing", "single": [{"Sequence": {"id": "A", "type_id": 0}}, st],
                                "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}}, st],
                                "special_tokens": {"<eos>": {"id": "<eos>", "ids": [ids["<eos>"]], "tokens": ["<eos>"]}}}
    return tj


class D2lEncoder(nn.Module):
    def __init__(self, vocab, embed, hidden, layers):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        self.rnn = nn.GRU(embed, hidden, layers)

    def forward(self, X):
        outputs, state = self.rnn(self.embedding(X.t()))
        return outputs, state  # (steps, batch, h), (layers, batch, h)


class D2lAdditiveAttention(nn.Module):
    def __init__(self, hidden, key_size, query_size):
        super().__init__()
        self.W_k = nn.Linear(key_size, hidden, bias=False)
        self.W_q = nn.Linear(query_size, hidden, bias=False)
        self.w_v = nn.Linear(hidden, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        features = torch.tanh(self.W_q(queries).unsqueeze(2) + self.W_k(keys).unsqueeze(1))
        scores = self.w_v(features).squeeze(-1)  # (batch, queries, keys)
        # d2l's masked_softmax: scores at key positions >= valid_len become -1e6.
        mask = torch.arange(scores.shape[-1])[None, None, :] >= valid_lens[:, None, None]
        weights = scores.masked_fill(mask, -1e6).softmax(-1)
        return weights @ values, weights


class D2lAttentionDecoder(nn.Module):
    def __init__(self, vocab, embed, hidden, layers):
        super().__init__()
        self.attention = D2lAdditiveAttention(hidden, hidden, hidden)
        self.embedding = nn.Embedding(vocab, embed)
        self.rnn = nn.GRU(embed + hidden, hidden, layers)
        self.dense = nn.Linear(hidden, vocab)

    def forward(self, X, enc_outputs, hidden_state, valid_lens):
        """X (batch, steps); enc_outputs (batch, src, h); hidden_state (layers, batch, h)."""
        outputs, weights = [], []
        for x in self.embedding(X).permute(1, 0, 2):
            context, w = self.attention(hidden_state[-1].unsqueeze(1), enc_outputs, enc_outputs, valid_lens)
            out, hidden_state = self.rnn(torch.cat((context, x.unsqueeze(1)), dim=-1).permute(1, 0, 2), hidden_state)
            outputs.append(out)
            weights.append(w)
        return self.dense(torch.cat(outputs, 0)).permute(1, 0, 2), hidden_state, torch.cat(weights, 1)


class D2lEncoderExport(nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.enc = enc

    def forward(self, input_ids):
        outputs, state = self.enc(input_ids)
        return outputs.permute(1, 0, 2), state.permute(1, 0, 2)


class D2lStepExport(nn.Module):
    def __init__(self, dec):
        super().__init__()
        self.dec = dec

    def forward(self, input_ids, hidden_state, enc_outputs, enc_valid_lens):
        logits, h, w = self.dec(input_ids, enc_outputs, hidden_state.permute(1, 0, 2).contiguous(), enc_valid_lens)
        return logits, h.permute(1, 0, 2), w


def d2l_greedy(enc, dec, src, valid, bos, eos, max_new):
    outputs, state = enc(torch.tensor([src]))
    enc_out, h = outputs.permute(1, 0, 2), state
    vl = torch.tensor([valid])
    tok, toks, lps, attn, min_gap = bos, [], [], [], math.inf
    for _ in range(max_new):
        logits, h, w = dec(torch.tensor([[tok]]), enc_out, h, vl)
        top2 = logits[0, -1].topk(2)
        min_gap = min(min_gap, float(top2.values[0] - top2.values[1]))
        tok = int(top2.indices[0])
        toks.append(tok)
        lps.append(float(logits[0, -1].log_softmax(-1)[tok]))
        attn.append(f32list(w[0, 0]))
        if tok == eos:
            break
    return {"tokens": toks, "logProbs": lps, "attention": attn, "minGap": min_gap}


def d2l_beam(enc, dec, src, valid, bos, eos, vocab, num_beams, max_new, lp=1.0, early=False, num_return=1):
    outputs, state = enc(torch.tensor([src]))
    enc_out, vl = outputs.permute(1, 0, 2).repeat(num_beams, 1, 1), torch.tensor([valid] * num_beams)
    h = state.repeat(1, num_beams, 1)
    beams = [[bos] for _ in range(num_beams)]
    beam_scores = torch.full((num_beams,), -1e9)
    beam_scores[0] = 0.0
    hyps, plen, done = Hyps(num_beams, lp, early, 1 + max_new), 1, False
    while True:
        logits, h, _ = dec(torch.tensor([[b[-1]] for b in beams]), enc_out, h, vl)
        scores = logits[:, -1].log_softmax(-1) + beam_scores[:, None]
        top_scores, top_ids = scores.reshape(-1).topk(2 * num_beams, largest=True, sorted=True)
        cur_len = len(beams[0]) + 1
        nxt = []
        for rank, (sc, fid) in enumerate(zip(top_scores.tolist(), top_ids.tolist())):
            b, tok = fid // vocab, fid % vocab
            if tok == eos:
                if rank >= num_beams:
                    continue
                hyps.add(beams[b][plen:], sc, cur_len - plen)
            else:
                nxt.append((sc, b, beams[b] + [tok]))
            if len(nxt) == num_beams:
                break
        done = hyps.is_done(float(top_scores.max()), cur_len - plen)
        h = h[:, [b for _, b, _ in nxt]]
        beams = [bm for _, _, bm in nxt]
        beam_scores = torch.tensor([sc for sc, _, _ in nxt])
        if done or len(beams[0]) >= 1 + max_new:
            break
    if not done:
        for bm, sc in zip(beams, beam_scores.tolist()):
            hyps.add(bm[plen:], sc, len(bm) - plen)
    best = sorted(hyps.beams, key=lambda x: x[0], reverse=True)[:num_return]
    return [{"tokens": hh, "score": sc} for sc, hh in best]


def make_d2l(out):
    torch.manual_seed(2024)
    words, rev = s2s_words()
    src_vocab = D2L_SPECIAL + words
    tgt_vocab = D2L_SPECIAL + sorted(set(rev) | {w for w in words if w == w[::-1]})
    sid, tid = {t: i for i, t in enumerate(src_vocab)}, {t: i for i, t in enumerate(tgt_vocab)}
    pad, bos, eos = 1, 2, 3
    embed, hidden, layers, num_steps = 32, 32, 2, 10
    cfg = {"model_type": "d2l-seq2seq-attention", "architectures": ["Seq2SeqEncoder", "Seq2SeqAttentionDecoder"],
           "src_vocab_size": len(src_vocab), "tgt_vocab_size": len(tgt_vocab), "embed_size": embed,
           "num_hiddens": hidden, "num_layers": layers, "num_steps": num_steps, "pad_token_id": pad,
           "bos_token_id": bos, "eos_token_id": eos}
    enc, dec = D2lEncoder(len(src_vocab), embed, hidden, layers), D2lAttentionDecoder(len(tgt_vocab), embed, hidden, layers)

    def src_ids(text):
        ids = [sid[w] for w in text.split()] + [eos]
        return ids[:num_steps] + [pad] * (num_steps - len(ids)), min(len(ids), num_steps)

    pairs = []
    for line in CORPUS:
        s, v = src_ids(line)
        pairs.append((s, v, [tid[w[::-1]] for w in line.split()] + [eos]))
    params = list(enc.parameters()) + list(dec.parameters())
    opt = torch.optim.Adam(params, lr=5e-3)
    for _ in range(300):
        tw = max(len(t) for *_, t in pairs)
        X = torch.tensor([s for s, _, _ in pairs])
        vl = torch.tensor([v for _, v, _ in pairs])
        Y = torch.tensor([t + [-100] * (tw - len(t)) for *_, t in pairs])
        dec_in = torch.tensor([[bos] + t[:-1] + [pad] * (tw - len(t)) for *_, t in pairs])
        outputs, state = enc(X)
        logits, _, _ = dec(dec_in, outputs.permute(1, 0, 2), state, vl)
        loss = F.cross_entropy(logits.reshape(-1, len(tgt_vocab)), Y.reshape(-1), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"d2l final train loss {loss.item():.4f}")
    enc.eval()
    dec.eval()
    onnx_dir = os.path.join(out, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    write_json(os.path.join(out, "config.json"), cfg)
    write_json(os.path.join(out, "source_tokenizer.json"), d2l_tokenizer_json(src_vocab, True))
    write_json(os.path.join(out, "target_tokenizer.json"), d2l_tokenizer_json(tgt_vocab, False))
    with torch.no_grad():
        X = torch.tensor([src_ids(CORPUS[0])[0], src_ids(CORPUS[1])[0]])
        torch.onnx.export(D2lEncoderExport(enc), (X,), os.path.join(onnx_dir, "encoder.onnx"), input_names=["input_ids"],
                          output_names=["enc_outputs", "hidden_state"],
                          dynamic_axes={"input_ids": {0: "batch_size", 1: "source_length"},
                                        "enc_outputs": {0: "batch_size", 1: "source_length"},
                                        "hidden_state": {0: "batch_size"}}, opset_version=OPSET)
        outputs, state = enc(X)
        args = (torch.tensor([[bos], [bos]]), state.permute(1, 0, 2), outputs.permute(1, 0, 2), torch.tensor([8, 9]))
        torch.onnx.export(D2lStepExport(dec), args, os.path.join(onnx_dir, "decoder_step.onnx"),
                          input_names=["input_ids", "hidden_state", "enc_outputs", "enc_valid_lens"],
                          output_names=["logits", "next_hidden_state", "attention_weights"],
                          dynamic_axes={"input_ids": {0: "batch_size"}, "hidden_state": {0: "batch_size"},
                                        "enc_outputs": {0: "batch_size", 1: "source_length"},
                                        "enc_valid_lens": {0: "batch_size"}, "logits": {0: "batch_size"},
                                        "next_hidden_state": {0: "batch_size"},
                                        "attention_weights": {0: "batch_size", 2: "source_length"}},
                          opset_version=OPSET)
        sources = ["the cat sat on the mat .", "the dog sat on the log .", "she read a book about the sea .",
                   "a dog sang in the garden .", "the children walked with the bird ."]
        ref = {"numSteps": num_steps, "sources": [], "greedy": [], "beam": []}
        for text in sources:
            s, v = src_ids(text)
            outputs, state = enc(torch.tensor([s]))
            ref["sources"].append({"text": text, "ids": s, "validLen": v, "encOutputs": f32list(outputs.permute(1, 0, 2)),
                                   "hiddenState": f32list(state.permute(1, 0, 2))})
            ref["greedy"].append({"text": text, "maxNewTokens": 12, **d2l_greedy(enc, dec, s, v, bos, eos, 12)})
        for si, nb, lp_, early, nret, mx in [(0, 3, 1.0, False, 2, 12), (3, 4, 0.5, True, 3, 12), (4, 3, 2.0, False, 1, 12)]:
            s, v = src_ids(sources[si])
            res = d2l_beam(enc, dec, s, v, bos, eos, len(tgt_vocab), nb, mx, lp_, early, nret)
            ref["beam"].append({"text": sources[si], "numBeams": nb, "lengthPenalty": lp_, "earlyStopping": early,
                                "numReturnSequences": nret, "maxNewTokens": mx, "results": res})
    write_json(os.path.join(out, "reference.json"), ref)


# ----------------------------------------------------------------------------- main

def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1 if path.endswith("reference.json") else 2)
        f.write("\n")


def make_bert(out):
    torch.manual_seed(1234)
    vocab = bert_vocab()
    cfg = {"architectures": ["BertForMaskedLM"], "model_type": "bert", "vocab_size": len(vocab), "hidden_size": 32,
           "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 64, "max_position_embeddings": 64,
           "type_vocab_size": 2, "hidden_act": "gelu", "layer_norm_eps": 1e-12, "pad_token_id": 0,
           "initializer_range": 0.02}
    model = TinyBert(cfg).eval()
    with torch.no_grad():
        for p in model.parameters():  # wide init: peaked, tie-free outputs
            if p.dim() > 1:
                p.normal_(0.0, 0.4)
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    write_json(os.path.join(out, "config.json"), cfg)
    write_json(os.path.join(out, "tokenizer.json"), bert_tokenizer_json(vocab))
    write_json(os.path.join(out, "tokenizer_config.json"), {
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": 64, "cls_token": "[CLS]",
        "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]"})
    write_json(os.path.join(out, "special_tokens_map.json"), {
        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]"})
    b, t = 2, 5
    dummy = (torch.randint(5, len(vocab), (b, t)), torch.ones(b, t, dtype=torch.long), torch.zeros(b, t, dtype=torch.long))
    dyn = {n: {0: "batch_size", 1: "sequence_length"} for n in
           ["input_ids", "attention_mask", "token_type_ids", "logits", "last_hidden_state"]}
    torch.onnx.export(model, dummy, os.path.join(out, "onnx", "model.onnx"),
                      input_names=["input_ids", "attention_mask", "token_type_ids"],
                      output_names=["logits", "last_hidden_state"], dynamic_axes=dyn, opset_version=OPSET)
    texts = ["the cat sat on the mat .", "A dog played in the garden!", "she read a book"]
    pairs = [("the sun is bright", "the sky is blue")]
    ref = {"texts": [], "fillMask": [], "embed": {}}
    with torch.no_grad():
        for text in texts:
            ids, types = bert_encode(vocab, text)
            it = torch.tensor([ids])
            logits, hidden = model(it, torch.ones_like(it), torch.tensor([types]))
            ref["texts"].append({"text": text, "ids": ids, "typeIds": types, "logits": f32list(logits),
                                 "lastHiddenState": f32list(hidden)})
        for a, bb in pairs:
            ids, types = bert_encode(vocab, a, bb)
            it = torch.tensor([ids])
            logits, hidden = model(it, torch.ones_like(it), torch.tensor([types]))
            ref["texts"].append({"text": a, "pair": bb, "ids": ids, "typeIds": types, "logits": f32list(logits),
                                 "lastHiddenState": f32list(hidden)})
        for text in ["the cat sat on the [MASK] .", "the [MASK] is bright and the sky is blue ."]:
            ids, types = bert_encode(vocab, text)
            it = torch.tensor([ids])
            logits, _ = model(it, torch.ones_like(it), torch.tensor([types]))
            at = ids.index(vocab.index("[MASK]"))
            probs = logits[0, at].softmax(-1)
            top = probs.topk(5)
            ref["fillMask"].append({"text": text, "topK": 5, "results": [
                {"token": int(i), "tokenStr": vocab[int(i)], "score": float(s)}
                for s, i in zip(top.values.tolist(), top.indices.tolist())]})
        # Sentence embeddings of a padded batch: mean over real tokens, or [CLS]; then L2-normalized.
        enc = [bert_encode(vocab, t)[0] for t in texts]
        width = max(len(e) for e in enc)
        ids = torch.tensor([e + [0] * (width - len(e)) for e in enc])
        mask = torch.tensor([[1] * len(e) + [0] * (width - len(e)) for e in enc])
        _, hidden = model(ids, mask, torch.zeros_like(ids))
        mean = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        cls = hidden[:, 0]
        ref["embed"] = {"texts": texts, "mean": [f32list(r) for r in mean], "cls": [f32list(r) for r in cls],
                        "meanNormalized": [f32list(r) for r in F.normalize(mean, dim=-1)]}
    write_json(os.path.join(out, "reference.json"), ref)


def make_gpt2(out):
    torch.manual_seed(4321)
    vocab, merges = train_bpe(43)
    eos = vocab.index(EOT)
    cfg = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": len(vocab), "n_embd": 32,
           "n_layer": 2, "n_head": 4, "n_positions": 64, "n_ctx": 64, "n_inner": None,
           "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "bos_token_id": eos, "eos_token_id": eos,
           "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4, "max_position_embeddings": 64,
           "use_cache": True}
    model = TinyGpt2(cfg)
    data = [[eos] + gpt2_encode(vocab, merges, " " + line) + [eos] for line in CORPUS]
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for step in range(300):
        ids_list = data
        width = max(len(d) for d in ids_list)
        ids = torch.tensor([d + [eos] * (width - len(d)) for d in ids_list])
        mask = torch.tensor([[1] * len(d) + [0] * (width - len(d)) for d in ids_list])
        logits, _ = model(ids, mask, position_ids_from_mask(mask), model.empty_past(len(ids_list)))
        tgt = ids[:, 1:].masked_fill(mask[:, 1:] == 0, -100)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, len(vocab)), tgt.reshape(-1), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"gpt2 final train loss {loss.item():.4f}")
    model.eval()
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    write_json(os.path.join(out, "config.json"), cfg)
    write_json(os.path.join(out, "tokenizer.json"), gpt2_tokenizer_json(vocab, merges))
    write_json(os.path.join(out, "tokenizer_config.json"), {
        "tokenizer_class": "GPT2Tokenizer", "model_max_length": 64, "bos_token": EOT, "eos_token": EOT,
        "unk_token": EOT, "add_prefix_space": False})
    write_json(os.path.join(out, "generation_config.json"), {"bos_token_id": eos, "eos_token_id": eos,
                                                               "max_length": 64})
    with torch.no_grad():
        onnx_dir = os.path.join(out, "onnx")
        export_gpt2(model, os.path.join(onnx_dir, "decoder_model.onnx"), False)
        export_gpt2(model, os.path.join(onnx_dir, "decoder_with_past_model.onnx"), True)
        merge_decoders(os.path.join(onnx_dir, "decoder_model.onnx"), os.path.join(onnx_dir, "decoder_with_past_model.onnx"),
                       os.path.join(onnx_dir, "decoder_model_merged.onnx"))
        prompts = [" the cat", " a dog and", " she read a book about", " the sun"]
        ref = {"eos": eos, "prompts": [], "greedy": [], "beam": [], "score": [], "leftPadded": {}}
        for p in prompts:
            ids = gpt2_encode(vocab, merges, p)
            it = torch.tensor([ids])
            m = torch.ones_like(it)
            logits, _ = model(it, m, position_ids_from_mask(m), model.empty_past(1))
            ref["prompts"].append({"text": p, "ids": ids, "logits": f32list(logits)})
            g = greedy(model, ids, 12, eos)
            ref["greedy"].append({"text": p, "maxNewTokens": 12, **g})
            lp = logits[0, :-1].log_softmax(-1)
            tok_lp = [float(lp[i, ids[i + 1]]) for i in range(len(ids) - 1)]
            ref["score"].append({"text": p, "ids": ids, "tokenLogProbs": tok_lp})
        g = greedy(model, gpt2_encode(vocab, merges, " the dog"), 10, eos, penalty=1.5)
        ref["greedy"].append({"text": " the dog", "maxNewTokens": 10, "repetitionPenalty": 1.5, **g})
        for p, nb, lp_, early, nret, mx in [(" the cat", 3, 1.0, False, 2, 10), (" a dog and", 4, 0.5, True, 3, 12),
                                            (" the sun", 3, 2.0, False, 1, 14), (" we walked", 2, 1.0, True, 2, 8)]:
            ids = gpt2_encode(vocab, merges, p)
            res = beam_search(model, ids, nb, mx, eos, lp_, early, nret)
            ref["beam"].append({"text": p, "numBeams": nb, "lengthPenalty": lp_, "earlyStopping": early,
                                "numReturnSequences": nret, "maxNewTokens": mx, "results": res})
        # A left-padded batch: logits of every real position must equal the unpadded runs.
        enc = [gpt2_encode(vocab, merges, p) for p in prompts]
        width = max(len(e) for e in enc)
        ids = torch.tensor([[eos] * (width - len(e)) + e for e in enc])
        mask = torch.tensor([[0] * (width - len(e)) + [1] * len(e) for e in enc])
        logits, _ = model(ids, mask, position_ids_from_mask(mask), model.empty_past(len(enc)))
        ref["leftPadded"] = {"ids": ids.tolist(), "mask": mask.tolist(),
                             "lastLogits": [f32list(r) for r in logits[:, -1]]}
    write_json(os.path.join(out, "reference.json"), ref)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "packages/lm/test/fixtures/neural"
    only = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else None  # e.g. "marian,t5" to regenerate some
    torch.set_num_threads(1)
    if only is None or "bert" in only:
        make_bert(os.path.join(out, "tiny-bert"))
    if only is None or "gpt2" in only:
        make_gpt2(os.path.join(out, "tiny-gpt2"))
    for style in S2S_STYLES:
        if only is None or style in only:
            make_seq2seq(style, os.path.join(out, f"tiny-{style}"))
    if only is None or "d2l" in only:
        make_d2l(os.path.join(out, "tiny-d2l-attention"))


if __name__ == "__main__":
    main()
