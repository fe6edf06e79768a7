import { availableParallelism } from 'node:os';

/**
 * Threads for llama.cpp when the caller does not say: at most 2. On this class of machine (2 cores) more threads
 * than cores made generation about 100x slower, and even 2 threads can lose to 1 on a tiny model (see README).
 * Kept apart from the llama.cpp modules so the CLI can show it without loading node-llama-cpp.
 */
export const defaultThreadCount = () => Math.max(1, Math.min(2, availableParallelism()));
