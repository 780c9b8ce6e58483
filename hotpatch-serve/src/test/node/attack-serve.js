// A WebSocket client written with the ws package, an independent peer for the tests of serve's
// patch server. Arguments: the server URI, a JSON object of request headers and, optionally, a JSON
// object of the ws client's options (e.g. {"rejectUnauthorized": false} to try a TLS server
// without checking its certificate, as an attacker would). It reports what
// happens as JSON lines on stdout and sends what the test asks for, one JSON command per line on
// stdin:
//   {"op": "send", "text": "..."}               one text message
//   {"op": "flood", "count": n, "text": "..."}  n copies, as fast as ws sends them
//   {"op": "big", "size": n}                    one text message of n characters
// Events: open, refused {status}, message {text}, closed {code, reason}, done {op}, error.
'use strict';
const WebSocket = require('ws');
const readline = require('readline');

const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const options = JSON.parse(process.argv[4] || '{}');
options.headers = JSON.parse(process.argv[3] || '{}');
const ws = new WebSocket(process.argv[2], options);
ws.on('open', () => out({ event: 'open' }));
ws.on('unexpected-response', (request, response) => {
  out({ event: 'refused', status: response.statusCode });
  request.destroy();
});
ws.on('message', (data) => out({ event: 'message', text: data.toString() }));
ws.on('close', (code, reason) => out({ event: 'closed', code, reason: reason.toString() }));
ws.on('error', (error) => out({ event: 'error', message: String(error) }));

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line);
  const done = () => out({ event: 'done', op: command.op });
  if (ws.readyState !== WebSocket.OPEN) {
    done();
    return;
  }
  switch (command.op) {
    case 'send':
      ws.send(command.text, done);
      break;
    case 'flood':
      for (let i = 0; i < command.count; i++) {
        ws.send(command.text, i === command.count - 1 ? done : undefined);
      }
      break;
    case 'big':
      ws.send('x'.repeat(command.size), done);
      break;
    default:
      out({ event: 'error', message: 'unknown op ' + command.op });
  }
});
process.stdin.on('end', () => process.exit(0));
