// The Yeoman packages import from 'lodash-es' (one of them as `import * as _`, which drags in all of
// lodash). This shim gives them exactly the functions they use, from lodash-es's own per-function
// modules; the build fails if they start importing another one.
export { default as cloneDeep } from 'lodash-es/cloneDeep.js';
export { default as compact } from 'lodash-es/compact.js';
export { default as defaults } from 'lodash-es/defaults.js';
export { default as escapeRegExp } from 'lodash-es/escapeRegExp.js';
export { default as findLast } from 'lodash-es/findLast.js';
export { default as get } from 'lodash-es/get.js';
export { default as groupBy } from 'lodash-es/groupBy.js';
export { default as merge } from 'lodash-es/merge.js';
export { default as pick } from 'lodash-es/pick.js';
export { default as set } from 'lodash-es/set.js';
export { default as template } from 'lodash-es/template.js';
export { default as uniq } from 'lodash-es/uniq.js';
