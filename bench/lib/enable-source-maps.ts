/** Imported first by the profiler so modules loaded afterwards keep their source maps (for `module.findSourceMap`). */
process.setSourceMapsEnabled(true);
