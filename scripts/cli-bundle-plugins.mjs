// esbuild plugins of the CommonJS CLI bundle (scripts/build.mjs, docs/decisions/0345).

/**
 * better-sqlite3 loads its native addon through the `bindings` package, which finds the calling package's folder
 * from a stack trace: from inside dist/cli.cjs that is parity's folder, which has no addon. Bundled, it loads the
 * addon from better-sqlite3's own folder (`build/Release`, where both its prebuilt download and a source build put
 * it), and asks `bindings` to search that folder for anything else.
 */
export const sqliteAddonFromItsPackage = {
  name: 'sqlite-addon-from-its-package',
  setup(builder) {
    builder.onResolve({ filter: /^bindings$/ }, (args) =>
      /[\\/]node_modules[\\/]better-sqlite3[\\/]/.test(args.importer)
        ? { path: 'bindings', namespace: 'sqlite-addon' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'sqlite-addon' }, () => ({
      contents: `const { dirname, join } = require('node:path');
// Resolved when the addon loads (a name esbuild leaves alone), from wherever the package is installed.
const manifest = 'better-sqlite3/package.json';
module.exports = (name) => {
  const packageFolder = dirname(require.resolve(manifest));
  try {
    return require(join(packageFolder, 'build', 'Release', name));
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    const bindings = require.resolve('bindings', { paths: [packageFolder] });
    return require(bindings)({ bindings: name, module_root: packageFolder });
  }
};
`,
      loader: 'js',
    }));
  },
};

/** commander requires `child_process` at load, for the executable subcommands parity never defines. */
export const commanderSpawnOnDemand = {
  name: 'commander-spawn-on-demand',
  setup(builder) {
    builder.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child_process', namespace: 'commander-spawn' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'commander-spawn' }, () => ({
      contents: "exports.spawn = (...args) => require('node:child_process').spawn(...args);\n",
      loader: 'js',
    }));
  },
};
