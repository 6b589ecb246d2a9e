package org.sanke.signaling.sdp;

import org.sanke.media.api.ConsumerParameters;
import org.sanke.media.api.MediaKind;

/**
 * One m-section of a subscribe offer.
 *
 * @param kind     audio or video
 * @param active   false for a section whose track is gone: written with port 0 and a=inactive, mid kept
 * @param consumer mid, codec, SSRCs and CNAME
 * @param streamId msid stream id (the browser groups tracks of one stream, e.g. one participant)
 * @param trackId  msid track id
 */
public record OfferedTrack(MediaKind kind, boolean active, ConsumerParameters consumer, String streamId,
                           String trackId) {
}
