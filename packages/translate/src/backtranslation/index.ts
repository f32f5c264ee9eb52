/**
 * src/backtranslation/: unsupervised sentence translation by iterative back-translation (phrase-based, as
 * Lample et al. 2018's unsupervised PBSMT) and the model folder its results live in.
 */
export {
  trainUnsupervised,
  type RoundStats,
  type RoundSystems,
  type SentenceTranslator,
  type TrainingProgress,
  type MonolingualText,
  type TrainingStage,
  type UnsupervisedOptions,
  type UnsupervisedResult,
} from './unsupervised.js';
export { arraySentences, fileSentences, textLines, writeSentenceFile, type SentenceSource } from './sentence-files.js';
export { loadModel, modelDecoder, saveModel, MODEL_FORMAT, MODEL_VERSION, type ModelConfig, type PhraseModel } from './model-folder.js';
