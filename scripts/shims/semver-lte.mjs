// yeoman-generator imports only `lte` from semver (to check the environment's version); semver's index
// loads every function and range class it has. This is the one function, from semver's own module.
import lte from 'semver/functions/lte.js';

export { lte };
