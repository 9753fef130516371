import type { Plugin } from 'esbuild';

export const sqliteAddonFromItsPackage: Plugin;
export const commanderSpawnOnDemand: Plugin;
