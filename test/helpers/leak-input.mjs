// Control for the memory test, preloaded with `node --import`: the import keeps every chunk it
// reads from its input file alive, as an import that leaked its input would.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const kept = [];
const createReadStream = fs.createReadStream;
fs.createReadStream = function (...args) {
  const stream = createReadStream.apply(this, args);
  stream.on('data', (chunk) => kept.push(chunk));
  return stream;
};
syncBuiltinESMExports();
globalThis.__leakedInput = kept;
