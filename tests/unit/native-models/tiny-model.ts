// The real tiny GGUF of ../shared/models (see its MANIFEST.md): 260K parameters, Llama architecture, F32.
import { resolve } from 'node:path';

export const tinyModelPath = resolve('..', 'shared', 'models', 'stories260K.gguf');
export const tinyModelSha256 = '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d';
export const tinyModelSize = 1_185_376;
