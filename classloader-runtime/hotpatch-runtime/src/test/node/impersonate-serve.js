// A WebSocket server that impersonates hotpatch serve, written with the ws package: an
// independent peer for the runtime's channel tests. It accepts the application's connection
// (with the secret given as argument), reports what happens as JSON lines on stdout, and sends
// what the test asks for, one JSON command per line on stdin:
//   {"op": "send", "text": "..."}            one text message
//   {"op": "flood", "count": n, "text": "..."}  n copies, as fast as ws sends them
//   {"op": "big", "size": n}                 one text message of n characters
// Events: listening {port}, connected, message {text}, closed {code, reason}, done {op}.
'use strict';
const { WebSocketServer } = require('ws');
const readline = require('readline');

const secret = process.argv[2];
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');
let socket = null;

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  path: '/hotpatch',
  verifyClient: (info) => info.req.headers.authorization === 'Bearer ' + secret,
});
server.on('listening', () => out({ event: 'listening', port: server.address().port }));
server.on('connection', (ws) => {
  socket = ws;
  out({ event: 'connected' });
  ws.on('message', (data) => out({ event: 'message', text: data.toString() }));
  ws.on('close', (code, reason) => out({ event: 'closed', code, reason: reason.toString() }));
  ws.on('error', (error) => out({ event: 'error', message: String(error) }));
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line);
  const done = () => out({ event: 'done', op: command.op });
  switch (command.op) {
    case 'send':
      socket.send(command.text, done);
      break;
    case 'flood':
      for (let i = 0; i < command.count; i++) {
        socket.send(command.text, i === command.count - 1 ? done : undefined);
      }
      break;
    case 'big':
      socket.send('x'.repeat(command.size), done);
      break;
    default:
      out({ event: 'error', message: 'unknown op ' + command.op });
  }
});
process.stdin.on('end', () => process.exit(0));
