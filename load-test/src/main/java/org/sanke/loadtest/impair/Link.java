package org.sanke.loadtest.impair;

import java.util.Objects;

/**
 * The two directions of one impaired path, each with its own profile. A test may change either while packets flow
 * (lift a cap, add loss): the next packet that arrives sees the new profile; packets already held keep their times.
 */
public final class Link {
    private volatile LinkProfile toServer;
    private volatile LinkProfile toClient;

    private Link(LinkProfile toServer, LinkProfile toClient) {
        this.toServer = Objects.requireNonNull(toServer, "toServer");
        this.toClient = Objects.requireNonNull(toClient, "toClient");
    }

    public static Link of(LinkProfile toServer, LinkProfile toClient) {
        return new Link(toServer, toClient);
    }

    /** The same profile both ways. */
    public static Link symmetric(LinkProfile profile) {
        return new Link(profile, profile);
    }

    public static Link clean() {
        return symmetric(LinkProfile.clean());
    }

    public LinkProfile toServer() {
        return toServer;
    }

    public LinkProfile toClient() {
        return toClient;
    }

    public LinkProfile profile(Direction direction) {
        return direction == Direction.TO_SERVER ? toServer : toClient;
    }

    public void setToServer(LinkProfile profile) {
        toServer = Objects.requireNonNull(profile);
    }

    public void setToClient(LinkProfile profile) {
        toClient = Objects.requireNonNull(profile);
    }

    public void set(Direction direction, LinkProfile profile) {
        if (direction == Direction.TO_SERVER) {
            setToServer(profile);
        } else {
            setToClient(profile);
        }
    }

    public void setBoth(LinkProfile profile) {
        setToServer(profile);
        setToClient(profile);
    }

    @Override
    public String toString() {
        return "Link[toServer=" + toServer.name() + ", toClient=" + toClient.name() + "]";
    }
}
