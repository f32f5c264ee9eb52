import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { DeviceUnavailableError, InvalidOptionError } from '../../errors.js';

/** Where a model runs. `cuda` needs onnxruntime-node's CUDA provider (CUDA 12 + cuDNN 9, installed separately). */
export type Device = 'cpu' | 'cuda' | 'webgpu';

export interface RuntimeOptions {
  /** Execution provider; default 'cpu'. A GPU provider that cannot load falls back to CPU with one warning. */
  device?: Device;
  /** GPU index for `cuda`; default 0. */
  deviceId?: number;
  /** Throw `DeviceUnavailableError` instead of falling back to CPU. */
  strictDevice?: boolean;
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** Receives the one-line fallback warning; default `console.warn`. */
  onWarning?: (message: string) => void;
}

/** An open ONNX Runtime session with its I/O names (from the graph's metadata) and the device it really got. */
export interface OnnxSession {
  readonly file: string;
  readonly device: Device;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The onnxruntime-node session itself (profiling, or sharing one session with other code: the bench runs its baselines on it). */
  readonly session: ort.InferenceSession;
  /**
   * Runs the graph; `fetches` names the outputs to copy back (default all): ORT still computes the whole graph, but
   * an unneeded big output (a BERT's MLM logits when embedding) is not copied into JS. As a map, a tensor value is a
   * pre-allocated output ORT writes into (a logits buffer reused across decoding steps), null a normal fetch.
   */
  run(feeds: Record<string, ort.Tensor>, fetches?: readonly string[] | Record<string, ort.Tensor | null>): Promise<Record<string, ort.Tensor>>;
  release(): Promise<void>;
}

const DEVICES: readonly Device[] = ['cpu', 'cuda', 'webgpu'];

function checkOptions(o: RuntimeOptions): void {
  if (o.device !== undefined && !DEVICES.includes(o.device)) throw new InvalidOptionError('device', o.device, DEVICES.join(' | '));
  for (const k of ['deviceId', 'intraOpNumThreads', 'interOpNumThreads'] as const) {
    const v = o[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new InvalidOptionError(k, v, 'an integer >= 0');
  }
}

function baseOptions(o: RuntimeOptions): ort.InferenceSession.SessionOptions {
  const so: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: o.graphOptimizationLevel ?? 'all' };
  if (o.intraOpNumThreads !== undefined) so.intraOpNumThreads = o.intraOpNumThreads;
  if (o.interOpNumThreads !== undefined) so.interOpNumThreads = o.interOpNumThreads;
  return so;
}

function providerConfig(device: Device, deviceId: number): ort.InferenceSession.ExecutionProviderConfig {
  // The WebGPU provider rejects a deviceId option; CUDA takes it.
  return device === 'cuda' ? { name: 'cuda', deviceId } : { name: device };
}

function wrap(file: string, device: Device, s: ort.InferenceSession): OnnxSession {
  return {
    file,
    device,
    inputNames: s.inputNames,
    outputNames: s.outputNames,
    session: s,
    run: (feeds, fetches) => (fetches ? s.run(feeds, Array.isArray(fetches) ? [...fetches] : (fetches as ort.InferenceSession.FetchesType)) : s.run(feeds)) as Promise<Record<string, ort.Tensor>>,
    release: () => s.release(),
  };
}

/**
 * Opens `file` on `options.device`. onnxruntime-node does not fall back by itself when a provider's shared
 * library is missing (it throws "Failed to load shared library"), so this retries on CPU and warns once per call,
 * or throws `DeviceUnavailableError` under `strictDevice`.
 */
export async function openSession(file: string, options: RuntimeOptions = {}): Promise<OnnxSession> {
  checkOptions(options);
  const device = options.device ?? 'cpu';
  const base = baseOptions(options);
  if (device !== 'cpu') {
    const missing = missingProviderLibrary(device);
    try {
      if (missing) throw new Error(`${missing} is not installed`);
      // Severity 4 (fatal only) while probing: ORT logs the dlopen failure itself, and we report it below.
      const s = await ort.InferenceSession.create(file, {
        ...base,
        logSeverityLevel: 4,
        executionProviders: [providerConfig(device, options.deviceId ?? 0)],
      });
      return wrap(file, device, s);
    } catch (e) {
      const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      if (options.strictDevice) throw new DeviceUnavailableError(device, reason);
      (options.onWarning ?? console.warn)(`@nlpkit/lm: device "${device}" unavailable (${reason}); running ${file} on CPU`);
    }
  }
  const s = await ort.InferenceSession.create(file, { ...base, executionProviders: ['cpu'] });
  return wrap(file, 'cpu', s);
}

/** The execution providers this onnxruntime-node build knows, and whether each ships in the npm package. */
export function supportedDevices(): { name: string; bundled: boolean }[] {
  return ort.listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled }));
}

/**
 * The CUDA provider ships outside the npm package (its install script downloads it; this workspace does not run that script).
 * Checking for its shared library first gives a clearer reason than ORT's dlopen failure, which ORT also
 * prints to stderr itself. Returns the missing file name, or null when present or not checkable.
 */
function missingProviderLibrary(device: Device): string | null {
  if (device !== 'cuda') return null;
  const lib = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  try {
    const bin = join(dirname(createRequire(import.meta.url).resolve('onnxruntime-node')), '..', 'bin');
    for (const napi of readdirSync(bin)) if (existsSync(join(bin, napi, process.platform, process.arch, lib))) return null;
    return lib;
  } catch {
    return null;
  }
}
