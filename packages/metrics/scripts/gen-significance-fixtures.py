#!/usr/bin/python3
"""Regenerate the oracle fixtures of @nlpkit/metrics' significance tests from the real tools.

  test/fixtures/numpy-rng.json               raw draws of NumPy's default_rng (SeedSequence -> PCG64),
                                             choice(n, size, replace=True) and integers(2, dtype=bool)
  test/fixtures/sacrebleu-significance.json  sacreBLEU's PairedTest (bs and ar) and corpus_score(n_bootstrap) on
                                             the WMT17 en-de systems of
                                             /work/shared/data/metrics/sacrebleu-significance-wmt17.json.gz
  test/fixtures/sacrebleu-significance-cli.json  the `sacrebleu` command's output (paired tables, JSON,
                                             --confidence) on 12 segments of three of those systems

Run (Debian's python3 has NumPy 1.24; sacreBLEU 2.6.0's source at /tmp/sacrebleu):
  cd packages/metrics && PYTHONPATH=/tmp/sacrebleu /usr/bin/python3 scripts/gen-significance-fixtures.py [--rng-only|--cli-only]
(about 45 s of CPU for the sacreBLEU cases.)
"""
import gzip
import json
import os
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'test', 'fixtures')
DATA = '/work/shared/data/metrics/sacrebleu-significance-wmt17.json.gz'


def write_json(name, obj):
    """Write to a temp file, then rename (no half-written fixture)."""
    path = os.path.join(FIXTURES, name)
    fd, tmp = tempfile.mkstemp(dir=FIXTURES, prefix='.' + name)
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write('\n')
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    print(f'wrote {path} ({os.path.getsize(path)} bytes)', file=sys.stderr)


def rng_fixture():
    cases = []
    for seed in [0, 1, 42, 12345, 2**32 + 5, 2**40 + 123]:
        case = {'seed': seed}
        case['seedSequence'] = [int(x) for x in np.random.SeedSequence(seed).generate_state(8)]
        raw = np.random.default_rng(seed).bit_generator.random_raw(8)
        case['raw64'] = [f'{int(x):016x}' for x in raw]
        rng = np.random.default_rng(seed)
        case['choice'] = {'n': 7, 'rows': 5, 'values': rng.choice(7, size=(5, 7), replace=True).ravel().tolist()}
        rng = np.random.default_rng(seed)
        # large ranges reject often (threshold = (2^32 - n) % n): exercises Lemire's loop
        case['integers'] = [{'n': n, 'values': rng.integers(0, n, size=64, dtype=np.int64).tolist()}
                            for n in [1, 2, 1000, 3004, 2**31 + 11, 3 * 10**9, 2**32 - 1]]
        # sacreBLEU's AR order: bools first (an odd number of 32-bit draws leaves a half buffered), then choice
        # 3 x 11 coins take two 32-bit draws (one 64-bit output); 1 x 20 take one, so choice() starts
        # with the buffered high half
        case['arSequence'] = []
        for rows, n in [(3, 11), (1, 20)]:
            rng = np.random.default_rng(seed)
            bools = rng.integers(2, size=(rows, n), dtype=bool)
            idx = rng.choice(n, size=(2, n), replace=True)
            case['arSequence'].append({'rows': rows, 'n': n, 'bools': bools.astype(int).ravel().tolist(),
                                       'choiceRows': 2, 'choice': idx.ravel().tolist()})
        cases.append(case)
    # one bigger matrix, as the bootstrap draws it, summarised by checksums
    rng = np.random.default_rng(12345)
    big = rng.choice(3004, size=(100, 3004), replace=True)
    big_bool = np.random.default_rng(12345).integers(2, size=(50, 3004), dtype=bool)
    summary = {'seed': 12345, 'n': 3004, 'rows': 100,
               'first': big[0, :20].tolist(), 'last': big[-1, -20:].tolist(),
               'sum': int(big.sum()), 'weightedSum': int((big.astype(np.int64) * (np.arange(big.size) % 1009).reshape(big.shape)).sum()),
               'boolRows': 50, 'boolSum': int(big_bool.sum()),
               'boolWeightedSum': int((big_bool.astype(np.int64) * (np.arange(big_bool.size) % 1009).reshape(big_bool.shape)).sum())}
    # np.sum/np.mean order (pairwise, in 8192-element chunks): x_i = ((i * 7919) % 10007) / 13 + i * 1e-3
    sums = []
    for n in [5, 100, 129, 2000, 8192, 10000, 20001]:
        i = np.arange(n, dtype=np.int64)
        x = ((i * 7919) % 10007) / 13.0 + i * 1e-3
        sums.append({'n': n, 'sum': float(np.sum(x)), 'mean': float(np.mean(x))})
    # sacreBLEU's bootstrap sums where float32 rounding matters: stats_np[idxs][r].sum(0) accumulates
    # row after row in float32 (a 1-column array would be summed pairwise; our metrics have >= 2 columns)
    i = np.arange(64 * 3).reshape(64, 3)
    stats = ((i * 7919 + 104729) % 100003) * 1000.5
    idx = np.random.default_rng(5).choice(64, size=(4, 64), replace=True)
    f32 = [[float(x) for x in row.sum(0)] for row in np.array(stats, dtype='float32')[idx]]
    write_json('numpy-rng.json', {
        'generator': f'scripts/gen-significance-fixtures.py with NumPy {np.__version__}',
        'cases': cases, 'big': summary, 'sums': sums,
        'float32Sums': {'seed': 5, 'n': 64, 'width': 3, 'rows': 4, 'sums': f32}})


def load_systems():
    with gzip.open(DATA, 'rt', encoding='utf-8') as f:
        data = json.load(f)['systems']
    named = [(name, lines) for name, lines in data]
    ref_name, refs = named.pop()
    assert ref_name == 'reference'
    return named, refs


def run_case(case, named, refs):
    from sacrebleu.metrics import BLEU, CHRF, TER
    from sacrebleu.significance import PairedTest

    segs = case.get('segments')
    systems = [named[i] for i in case['systems']]
    if segs is not None:
        systems = [(n, lines[:segs]) for n, lines in systems]
        refs = [stream[:segs] for stream in refs]
    metrics = {}
    for m in case['metrics']:
        o = m['options']
        if m['metric'] == 'bleu':
            metric = BLEU(references=refs, tokenize=o.get('tokenize', '13a'))
        elif m['metric'] == 'chrf':
            metric = CHRF(references=refs, word_order=o.get('wordOrder', 0))
        else:
            metric = TER(references=refs)
        metrics[m['key']] = metric
    os.environ['SACREBLEU_SEED'] = str(case['seed'])
    sigs, scores = PairedTest(systems, metrics, references=None, test_type=case['test'],
                              n_samples=case['nSamples'], n_ar_confidence=case['nArConfidence'])()
    out = {'signatures': {k: v.format() for k, v in sigs.items()}, 'results': {}}
    for name, vals in scores.items():
        if name == 'System':
            continue
        out['results'][name] = [{'score': r.score, 'pValue': r.p_value,
                                 'mean': None if r.mean is None else float(r.mean),
                                 'ci': None if r.ci is None else float(r.ci)} for r in vals]
    out['systemNames'] = scores['System']
    return out


def sacrebleu_fixture():
    import sacrebleu
    from sacrebleu.metrics import BLEU, CHRF, TER
    named, refs = load_systems()
    allsys = list(range(len(named)))
    bleu_none = [{'key': 'BLEU', 'metric': 'bleu', 'options': {'tokenize': 'none'}}]
    several = [{'key': 'BLEU', 'metric': 'bleu', 'options': {'tokenize': '13a'}},
               {'key': 'CHRF', 'metric': 'chrf', 'options': {}},
               {'key': 'CHRF++', 'metric': 'chrf', 'options': {'wordOrder': 2}},
               {'key': 'TER', 'metric': 'ter', 'options': {}}]
    cases = [
        # sacreBLEU's own test_significance.py setting
        {'id': 'bs-bleu-none-2000', 'test': 'bs', 'nSamples': 2000, 'nArConfidence': -1, 'seed': 12345,
         'systems': allsys, 'segments': None, 'metrics': bleu_none},
        {'id': 'ar-bleu-none-10000', 'test': 'ar', 'nSamples': 10000, 'nArConfidence': -1, 'seed': 12345,
         'systems': allsys, 'segments': None, 'metrics': bleu_none},
        # the CLI defaults on a few systems, first 500 segments, all metrics
        {'id': 'bs-4metrics-1000', 'test': 'bs', 'nSamples': 1000, 'nArConfidence': -1, 'seed': 12345,
         'systems': [0, 1, 2, 6], 'segments': 500, 'metrics': several},
        {'id': 'ar-4metrics-2000-ci', 'test': 'ar', 'nSamples': 2000, 'nArConfidence': 500, 'seed': 7,
         'systems': [0, 1, 2, 6], 'segments': 500, 'metrics': several},
        # a system against an identical copy: every resampled difference is 0 and sacreBLEU counts only
        # differences strictly above the real one (0), so p = 1 / (n + 1), not 1
        {'id': 'bs-self-200', 'test': 'bs', 'nSamples': 200, 'nArConfidence': -1, 'seed': 12345,
         'systems': [3, 3], 'segments': 300, 'metrics': several[:2]},
        {'id': 'ar-self-300', 'test': 'ar', 'nSamples': 300, 'nArConfidence': -1, 'seed': 12345,
         'systems': [3, 3], 'segments': 300, 'metrics': several[:2]},
    ]
    for case in cases:
        print(f"running {case['id']}", file=sys.stderr)
        case.update(run_case(case, named, refs))
    # single-system CI: corpus_score(n_bootstrap=N), as `sacrebleu --confidence --confidence-n N`
    confidence = {'id': 'confidence-500', 'system': 4, 'segments': 500, 'nSamples': 500, 'seed': 12345,
                  'metrics': several, 'results': {}}
    os.environ['SACREBLEU_SEED'] = '12345'
    hyps = named[confidence['system']][1][:500]
    crefs = [stream[:500] for stream in refs]
    for m in several:
        o = m['options']
        if m['metric'] == 'bleu':
            metric = BLEU(tokenize=o.get('tokenize', '13a'))
        elif m['metric'] == 'chrf':
            metric = CHRF(word_order=o.get('wordOrder', 0))
        else:
            metric = TER()
        sc = metric.corpus_score(hyps, crefs, n_bootstrap=confidence['nSamples'])
        confidence['results'][sc.name] = {'score': sc.score, 'mean': sc._mean, 'ci': sc._ci,
                                          'signature': metric.get_signature().format()}
    write_json('sacrebleu-significance.json', {
        'generator': f'scripts/gen-significance-fixtures.py with sacreBLEU {sacrebleu.__version__}, NumPy {np.__version__}',
        'data': os.path.basename(DATA), 'cases': cases, 'confidence': confidence})


# The CLI cases run the real `sacrebleu` command on files at this fixed path (system names in the
# table are the paths as given, so test/cli-significance.test.ts writes the same files there).
CLI_DIR = '/tmp/nlpkit-significance-cli'
CLI_CASES = [
    ['--paired-bs', '-m', 'bleu', 'chrf', 'ter', '-f', 'text'],
    ['--paired-ar', '--paired-ar-n', '500', '-m', 'bleu', 'ter', '-f', 'text', '-w', '2'],
    ['--paired-bs', '--paired-bs-n', '300', '-m', 'chrf', 'bleu'],
    ['-m', 'ter', 'bleu', '-f', 'text'],
    ['--confidence', '-m', 'bleu', 'chrf', 'ter', '-f', 'text', '--single'],
    ['--confidence', '--confidence-n', '300', '-m', 'bleu', 'ter', '--single'],
]


def cli_fixture():
    import subprocess
    named, refs = load_systems()
    files = {'ref.txt': refs[0][:12], 'base.txt': named[0][1][:12], 'sys1.txt': named[1][1][:12],
             'sys2.txt': named[2][1][:12]}
    os.makedirs(CLI_DIR, exist_ok=True)
    for name, lines in files.items():
        with open(os.path.join(CLI_DIR, name), 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
    path = lambda n: os.path.join(CLI_DIR, n)
    cases = []
    for args in CLI_CASES:
        single = '--single' in args
        args = [a for a in args if a != '--single']
        inputs = [path('base.txt')] if single else [path('base.txt'), path('sys1.txt'), path('sys2.txt')]
        cmd = [sys.executable, '-m', 'sacrebleu', path('ref.txt'), '-i', *inputs, *args, '--no-color', '-q']
        env = dict(os.environ, SACREBLEU_SEED='12345')
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
        cases.append({'args': args, 'inputs': [os.path.basename(i) for i in inputs], 'stdout': out})
    write_json('sacrebleu-significance-cli.json', {
        'generator': 'scripts/gen-significance-fixtures.py (the sacrebleu command, sacreBLEU 2.6.0)',
        'dir': CLI_DIR, 'files': files, 'cases': cases})


if __name__ == '__main__':
    rng_fixture()
    if '--rng-only' not in sys.argv:
        cli_fixture()
        if '--cli-only' not in sys.argv:
            sacrebleu_fixture()
