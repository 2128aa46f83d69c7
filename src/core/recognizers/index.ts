// The registry: every recognizer, in the order they run. Add new ones here (and a rules/<id>.json).
import type { Recognizer } from '../types.js';

export const RECOGNIZERS: Recognizer[] = [];
