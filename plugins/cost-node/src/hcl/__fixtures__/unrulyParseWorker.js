// A parse worker for the pool's tests: it answers `{ name, text }`, and misbehaves on cue.
const { parentPort } = require('node:worker_threads');

parentPort.on('message', ({ id, name, text }) => {
  const answer = () => parentPort.postMessage({ id, result: { name, text } });
  if (text === 'exit') process.exit(3);
  if (text === 'throw') {
    setImmediate(() => {
      throw new Error('worker blew up');
    });
    return;
  }
  if (text === 'hang') for (;;);
  if (text.startsWith('slow')) {
    setTimeout(answer, 300);
    return;
  }
  answer();
});
