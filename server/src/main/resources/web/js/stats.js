// A small summary of getStats() for pages and tests: what is received per mid, what is sent per kind.
export async function summarize(client) {
  const inbound = [];
  const outbound = [];
  if (client.subscribePc.connectionState !== 'closed') {
    const reports = await client.subscribePc.getStats();
    reports.forEach((report) => {
      if (report.type !== 'inbound-rtp') return;
      const info = client.tracksByMid.get(report.mid) ?? {};
      inbound.push({
        mid: report.mid, kind: report.kind, participantId: info.participantId ?? null, name: info.name ?? null,
        source: info.source ?? null,
        packetsReceived: report.packetsReceived ?? 0, bytesReceived: report.bytesReceived ?? 0,
        packetsLost: report.packetsLost ?? 0, framesDecoded: report.framesDecoded ?? 0,
        frameWidth: report.frameWidth ?? 0, frameHeight: report.frameHeight ?? 0,
        codec: reports.get(report.codecId)?.mimeType ?? null,
        freezeSeconds: report.totalFreezesDuration ?? 0,
      });
    });
  }
  if (client.publishPc.connectionState !== 'closed') {
    (await client.publishPc.getStats()).forEach((report) => {
      if (report.type !== 'outbound-rtp') return;
      outbound.push({ kind: report.kind, packetsSent: report.packetsSent ?? 0,
        framesEncoded: report.framesEncoded ?? 0, bytesSent: report.bytesSent ?? 0 });
    });
  }
  return { inbound, outbound };
}

/** The numbers behind a tile's badge, for those who open the details: resolution, frame rate, loss. */
export function describe(entry, framesPerSecond, lossPercent) {
  if (!entry) return '';
  const loss = lossPercent === undefined ? '' : ` · ${lossPercent.toFixed(1)}%`;
  if (entry.kind === 'video') return `${entry.frameWidth}×${entry.frameHeight} · ${framesPerSecond} fps${loss}`;
  return `${entry.packetsReceived} audio packets${loss}`;
}

/**
 * How well a room is received, in one word: from the loss and freezes it reports and the frame rate the teacher's
 * browser decodes. good: smooth; poor: visibly rough; bad: hard to follow.
 */
export function grade({ lossPercent = 0, freezeMs = 0, framesPerSecond }) {
  if (lossPercent >= 10 || freezeMs >= 5000 || (framesPerSecond !== undefined && framesPerSecond < 5)) return 'bad';
  if (lossPercent >= 3 || freezeMs >= 2000 || (framesPerSecond !== undefined && framesPerSecond < 15)) return 'poor';
  return 'good';
}
