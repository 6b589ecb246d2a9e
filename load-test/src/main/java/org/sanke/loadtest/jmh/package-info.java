/** JMH benchmarks: the media path's CPU work ({@code ./sanke jmh}) and the text filter's cost per message. */
package org.sanke.loadtest.jmh;
