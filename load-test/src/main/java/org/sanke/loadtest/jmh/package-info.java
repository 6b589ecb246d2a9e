/** JMH benchmarks of the media path's CPU work, run with {@code ./sanke jmh}. */
package org.sanke.loadtest.jmh;
