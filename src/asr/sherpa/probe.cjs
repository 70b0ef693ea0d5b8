// Child-process probe: builds a sherpa-onnx OnlineRecognizer from the JSON config on stdin and exits 0.
// Run by addon.ts so that a native abort on a bad model file cannot take the server down.
'use strict';
let input = '';
process.stdin.on('data', (d) => { input += d });
process.stdin.on('end', () => {
  const sherpa = require(process.argv[2] || 'sherpa-onnx-node');
  new sherpa.OnlineRecognizer(JSON.parse(input));
  process.exit(0);
});
