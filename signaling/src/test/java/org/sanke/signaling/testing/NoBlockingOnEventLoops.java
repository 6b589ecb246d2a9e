package org.sanke.signaling.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class under this annotation fails when any of its tests makes a blocking call (sleep, wait, file or socket
 * I/O, JDBC) on a Vert.x event loop or on one of the media server's loops: such a call stalls every connection that
 * loop serves. BlockHound finds the call; the failure names the thread and where the call was made. Opt-in for now,
 * until the domain's database calls are off the event loops.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(BlockingCallGuard.class)
public @interface NoBlockingOnEventLoops {
}
