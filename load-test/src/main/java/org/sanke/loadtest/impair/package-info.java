/**
 * Impairment relays for rural-link tests: a thin, lossy or distant link placed between a classroom and the server,
 * in this JVM, because the test machines have no {@code netem}.
 *
 * <p>{@link org.sanke.loadtest.impair.UdpImpairmentRelay} carries media (ICE, DTLS, SRTP) with loss, delay, jitter
 * and a capacity per direction, one upstream socket per client address; {@link
 * org.sanke.loadtest.impair.TcpImpairmentRelay} carries TCP with delay and a capacity; both can be blocked. The
 * profiles ({@link org.sanke.loadtest.impair.LinkProfile}, two per {@link org.sanke.loadtest.impair.Link}) can be
 * changed while packets flow. See load-test/README.md for how a test points a classroom at a relay.
 */
package org.sanke.loadtest.impair;
