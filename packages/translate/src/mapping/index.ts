/**
 * Mapping: word translation without parallel data. Orthogonal Procrustes, NN and CSLS retrieval (the blocked
 * top-k kernel), dictionary induction and refinement with MUSE's unsupervised criterion, MUSE's adversarial and
 * VecMap's unsupervised initialisations, MUSE-format dictionaries and P@k. Spaces are `{ words, vectors, dim }`
 * (KeyedVectors of @nlpkit/embed fits); mappings act on rows: `mapped = x · W`.
 */
export { type EmbeddingSpace, normalizeRows, centerColumns } from './space.js';
export { procrustes, applyMapping, type IndexPairs } from './procrustes.js';
export { topKDot, meanTopKDot, type TopKResult, type TopKOptions } from './knn.kernel.js';
export { CslsPenalties, retrieve, type RetrievalMethod, type RetrievalOptions } from './retrieval.js';
export {
  parseDictionary,
  readDictionary,
  resolveDictionary,
  type BilingualDictionary,
  type DictionaryCoverage,
  type ResolvedDictionary,
} from './dictionary.js';
export { evaluateTranslation, unitRows, type EvaluationOptions, type TranslationEvaluation } from './evaluate.js';
export { buildDictionary, meanCosine, type BuildDictionaryOptions, type CriterionOptions, type DictionaryBuild } from './induction.js';
export { refine, type RefineOptions, type RefineResult, type RefineStep } from './refine.js';
export { describeDiagnosis, diagnoseMapping, type CollapseOptions, type CollapseReason, type MappingDiagnosis } from './collapse.js';
export { vecmapUnsupervised, vecmapSelfLearning, vecmapNormalize, type VecMapOptions, type VecMapResult, type VecMapStep } from './vecmap.js';
export { adversarialMapping, type AdversarialOptions, type AdversarialResult, type AdversarialEpoch } from './adversarial.js';
export { renderMappingSvg, type MappingPlot, type MappingPlotOptions } from './plot-svg.js';
