package org.sanke.recording;

/**
 * How a recording trades memory, disk writes and what a crash loses.
 *
 * @param queueSlots        packets the hand-over queue holds (a power of two); when full, packets are dropped
 * @param maxPacketBytes    the largest RTP packet kept; larger ones are dropped
 * @param reorderSlots      packets held per track while a lost one may still come (a power of two)
 * @param reorderWaitMillis how long a hole in the sequence is waited for (the SFU's NACKs may fill it)
 * @param clusterMillis     media held in memory before it is written: about what a killed process loses
 * @param forceMillis       how often written data is forced to the disk: about what a power cut loses
 * @param pollMillis        how often the recorder thread looks at the queue when it is idle
 * @param keyframeRequestMillis least time between two keyframe requests of one track
 */
public record RecordingOptions(int queueSlots, int maxPacketBytes, int reorderSlots, long reorderWaitMillis,
                               long clusterMillis, long forceMillis, long pollMillis, long keyframeRequestMillis) {
    public RecordingOptions {
        if (Integer.bitCount(queueSlots) != 1 || Integer.bitCount(reorderSlots) != 1) {
            throw new IllegalArgumentException("queueSlots and reorderSlots must be powers of two");
        }
        if (maxPacketBytes < 12 || clusterMillis < 1 || clusterMillis > 30_000 || pollMillis < 1) {
            throw new IllegalArgumentException("maxPacketBytes >= 12, 1 <= clusterMillis <= 30000, pollMillis >= 1");
        }
    }

    /**
     * 2048 packets of up to 1500 bytes (3 MB, seconds of a lesson's tracks), 256 held per track for up to 300 ms,
     * clusters of one second, forced every five.
     */
    public static RecordingOptions defaults() {
        return new RecordingOptions(2048, 1500, 256, 300, 1000, 5000, 10, 1000);
    }
}
