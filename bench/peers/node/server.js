// The benchmark's tier-0 baseline: the study's Node.js QR server (express + qrcode), in cluster
// mode with one worker process per core, serving the same HTTP contract as OrleansQr:
//   GET /qrcode?text=T  -> 200 image/png   (QRCode.toBuffer, EC level L, width 200)
//   missing, repeated, empty or over-512-byte text -> 400 text/plain
//   GET /healthz        -> 200 "ok"
// PORT (default 8080) and HOST (default 127.0.0.1) choose the address; WORKERS overrides the
// worker count. SIGTERM or SIGINT stops the workers, then the primary.
'use strict';

const cluster = require('node:cluster');
const os = require('node:os');

const PORT = Number(process.env.PORT || 8080);
const HOST = process.env.HOST || '127.0.0.1';
const WORKERS = Number(process.env.WORKERS || os.availableParallelism());
const MAX_TEXT_BYTES = 512;

if (cluster.isPrimary) {
  let stopping = false;
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  console.log(`node peer: primary ${process.pid}, ${WORKERS} workers, http://${HOST}:${PORT}`);

  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) console.error(`node peer: worker ${worker.process.pid} died (${signal || code})`);
    if (Object.keys(cluster.workers).length === 0) process.exit(stopping ? 0 : 1);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
    // Bounded: whatever has not exited after 5 s is killed.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGKILL');
      process.exit(0);
    }, 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const express = require('express');
  const QRCode = require('qrcode');

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.get('/healthz', (_req, res) => res.type('text/plain').send('ok'));

  app.get('/qrcode', async (req, res) => {
    const text = req.query.text;
    if (typeof text !== 'string' || text.length === 0) {
      return res.status(400).type('text/plain').send('text is required, once, and must not be empty\n');
    }
    if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) {
      return res.status(400).type('text/plain').send(`text is over ${MAX_TEXT_BYTES} UTF-8 bytes\n`);
    }
    let png;
    try {
      png = await QRCode.toBuffer(text, { errorCorrectionLevel: 'L', width: 200 });
    } catch (err) {
      return res.status(400).type('text/plain').send(`${String(err.message || err).split('\n')[0]}\n`);
    }
    res.type('image/png').send(png);
  });

  app.all('/qrcode', (_req, res) => res.status(405).set('Allow', 'GET, HEAD').end());

  const server = app.listen(PORT, HOST);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
