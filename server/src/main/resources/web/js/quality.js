import { summarize } from './stats.js';

const INTERVAL_MS = 10_000;

/**
 * Every 10 s, tells the server how well this client receives: loss, video freeze time and bitrate over the last
 * interval (for the lesson's quality report, 质量监测).
 */
export function reportQuality(client) {
  let previous = null;
  const timer = setInterval(async () => {
    if (client.state !== 'live') return;
    const { inbound } = await summarize(client);
    const now = {
      received: inbound.reduce((n, s) => n + s.packetsReceived, 0),
      lost: inbound.reduce((n, s) => n + Math.max(0, s.packetsLost), 0),
      bytes: inbound.reduce((n, s) => n + s.bytesReceived, 0),
      freeze: inbound.reduce((n, s) => n + s.freezeSeconds, 0),
    };
    if (previous && now.received > previous.received) {
      const received = now.received - previous.received;
      const lost = now.lost - previous.lost;
      client.reportQuality({
        lossPercent: Math.min(100, (100 * lost) / Math.max(1, received + lost)),
        freezeMs: Math.round(Math.max(0, now.freeze - previous.freeze) * 1000),
        kbps: Math.round(((now.bytes - previous.bytes) * 8) / INTERVAL_MS),
      }).catch(() => {});
    }
    previous = now;
  }, INTERVAL_MS);
  client.addEventListener('state', (e) => {
    if (e.detail.state === 'left' || e.detail.state === 'disconnected') clearInterval(timer);
  });
}
