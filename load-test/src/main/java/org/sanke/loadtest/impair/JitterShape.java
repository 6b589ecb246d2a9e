package org.sanke.loadtest.impair;

/** How a link's delay varies around its mean. */
public enum JitterShape {
    /** Evenly spread within plus or minus the jitter. */
    UNIFORM,
    /** Normally distributed, the jitter being one standard deviation. */
    NORMAL
}
