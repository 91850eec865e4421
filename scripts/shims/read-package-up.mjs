// yeoman-generator looks its generator's package.json up from the generator's folder only when the
// environment has not given it one; ours always does (run.ts registers the generator with its package
// path, and the environment reads that package.json). Without a package.json the generator falls back
// to the name '*' and version 0.0.0, which is what this answers, without bundling read-pkg's JSON
// parser and code-frame printer.
export const readPackageUpSync = () => undefined;
export const readPackageUp = async () => undefined;
