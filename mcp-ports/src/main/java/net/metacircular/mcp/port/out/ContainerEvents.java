package net.metacircular.mcp.port.out;

import java.util.function.Consumer;

/**
 * The container runtime's event stream, so a crash is noticed when it happens rather than at the next poll. The
 * stream is a hint: whoever follows it still asks the runtime for the truth, and the periodic poll catches what a
 * broken stream missed.
 */
public interface ContainerEvents {
    /**
     * Delivers every container lifecycle event to {@code listener}, from now until the subscription is closed,
     * re-establishing the stream when it breaks. The listener runs on the stream's thread and must return quickly.
     */
    Subscription watch(Consumer<ContainerEvent> listener);

    /** A running {@link #watch}; closing it stops delivery and releases what the stream holds. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
