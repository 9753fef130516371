import { join } from 'node:path';
import { packageRoot } from '../../package-files/package-root.ts';

/**
 * Folder of the data files the IFEval checkers read (langdetect profiles, the English Punkt model); its README.md
 * names their sources and licences. Resolved from the package root, so it is the same from `src/` and from `dist/`.
 */
export const ifevalDataDirectory = join(packageRoot(import.meta.dirname), 'src', 'scoring', 'ifeval', 'data');
