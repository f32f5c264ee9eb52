#!/usr/bin/python3
"""Regenerates packages/lm/test/fixtures/neural/{tiny-bert,tiny-gpt2}/ with PyTorch (Debian's python3-torch 1.13)
and python3-onnx: tiny seeded models exported to ONNX in Hugging Face Optimum's layout and names, their
tokenizers (tokenizer.json written here: a WordPiece for BERT, a byte-level BPE for GPT-2), configs, and
reference outputs computed by PyTorch (reference.json).

Usage (from the repository root):
  /usr/bin/python3 packages/lm/scripts/gen-neural-fixtures.py packages/lm/test/fixtures/neural

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
    torch.set_num_threads(1)
    make_bert(os.path.join(out, "tiny-bert"))
    make_gpt2(os.path.join(out, "tiny-gpt2"))


if __name__ == "__main__":
    main()
