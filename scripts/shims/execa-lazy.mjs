// What Yeoman imports from execa, for what this tool never asks of it: installs (we pass skipInstall
// and run our own), global module lookups and the generator's spawnCommand helpers. Importing execa
// costs every scaffold about 15 ms; here the asynchronous calls load it on first use, and the
// synchronous ones, which cannot wait for a module, say so if they are ever reached.
const real = () => import('execa-real');
const notBundled = (name) => () => {
  throw new Error(`create-apprunner-app does not bundle execa's ${name} for Yeoman`);
};

export const execa = async (...args) => (await real()).execa(...args);
export const execaCommand = async (...args) => (await real()).execaCommand(...args);
export const execaSync = notBundled('execaSync');
export const execaCommandSync = notBundled('execaCommandSync');
