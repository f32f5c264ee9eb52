/**
 * Seq2seq with attention in the d2l.ai style: `AttentionSeq2Seq` (GRU encoder + additive-attention GRU decoder,
 * exported as an encoder graph and a one-step decoder graph; greedy and beam search through `batchedSearch`, with
 * the attention weights of every output) and `attentionHeatmapSvg` (source × target heat map as SVG).
 */
export * from './attention-seq2seq.js';
export * from './heatmap-svg.js';
