package org.sanke.loadtest.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceProbeTest {
    private static final String METRICS = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
            jvm_buffer_memory_used_bytes{id="direct"} 524288.0
            jvm_buffer_memory_used_bytes{id="mapped"} 7.0E9
            jvm_threads_live_threads 42.0
            sanke_media_transports 12.0
            sanke_media_transports_closed_total 900.0
            sanke_media_consumers 24.0
            sanke_signaling_sessions NaN
            """;

    @Test
    void sumsTheSeriesOfAResourceAndNoOther() {
        ResourceReading reading = ResourceProbe.parse(METRICS, 0);
        assertThat(reading.get(Resource.HEAP_USED)).isEqualTo(3.0); // MiB, the non-heap pool left out
        assertThat(reading.get(Resource.DIRECT_MEMORY)).isEqualTo(0.5);
        assertThat(reading.get(Resource.LIVE_THREADS)).isEqualTo(42);
        assertThat(reading.get(Resource.TRANSPORTS)).isEqualTo(12); // not the counter whose name starts alike
        assertThat(reading.get(Resource.CONSUMERS)).isEqualTo(24);
        assertThat(reading.get(Resource.SIGNALING_SESSIONS)).isNaN();
        assertThat(reading.get(Resource.OPEN_FILES)).as("not exported, no pid").isNaN();
        assertThat(ResourceProbe.parse("", 0).get(Resource.HEAP_USED)).isNaN();
        assertThat(ResourceProbe.parse("jvm_gc_live_data_size_bytes 0.0\n", 0).get(Resource.HEAP_LIVE))
                .as("no old-generation collection yet").isNaN();
        assertThat(ResourceProbe.parse("jvm_gc_live_data_size_bytes 4194304.0\n", 0).get(Resource.HEAP_LIVE))
                .isEqualTo(4.0);
    }

    @Test
    void openFilesComeFromProcWhenTheServerDoesNotExportThem() {
        double files = ResourceProbe.parse(METRICS, ProcessHandle.current().pid()).get(Resource.OPEN_FILES);
        assertThat(files).isGreaterThan(3); // stdin, stdout, stderr and the jars at least
        assertThat(ResourceProbe.parse(METRICS + "process_files_open_files 77.0\n", ProcessHandle.current().pid())
                .get(Resource.OPEN_FILES)).isEqualTo(77);
    }
}
