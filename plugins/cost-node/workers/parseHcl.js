// A worker thread parsing HCL with @cdktf/hcl2json, so files parse on every core.
const { parentPort } = require('node:worker_threads');
const { parse } = require('@cdktf/hcl2json');

parentPort.on('message', ({ id, name, text }) => {
  parse(name, text).then(
    result => parentPort.postMessage({ id, result }),
    error =>
      parentPort.postMessage({ id, error: String(error?.message ?? error) }),
  );
});
