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

/** One short line for a tile: resolution and frames decoded. */
export function describe(entry) {
  if (!entry) return '';
  if (entry.kind === 'video') return `${entry.frameWidth}×${entry.frameHeight} · ${entry.framesDecoded} frames`;
  return `${entry.packetsReceived} audio packets`;
}
