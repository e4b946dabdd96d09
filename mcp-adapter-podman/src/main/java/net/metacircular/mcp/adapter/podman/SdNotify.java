package net.metacircular.mcp.adapter.podman;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * systemd's readiness protocol ({@code Type=notify}) without native code of our own: one datagram to
 * {@code $NOTIFY_SOCKET} sent through the JDK's foreign-function API, because the JDK's own channels cannot
 * send datagrams on Unix sockets. Does nothing when the agent was not started by systemd.
 */
public final class SdNotify {
    private static final System.Logger LOG = System.getLogger(SdNotify.class.getName());
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SUN_PATH = 108;

    private final String socket;

    /** A notifier for the socket named in {@code env}'s {@code NOTIFY_SOCKET}, if any. */
    public SdNotify(Map<String, String> env) {
        this.socket = env.getOrDefault("NOTIFY_SOCKET", "");
    }

    /** True when systemd asked for notifications. */
    public boolean enabled() {
        return !socket.isEmpty();
    }

    /**
     * Sends {@code state} (e.g. {@code READY=1}, {@code STOPPING=1}, {@code STATUS=…}); returns whether it was sent.
     * Failures are logged, never thrown: readiness reporting must not take the agent down.
     */
    public boolean send(String state) {
        if (!enabled()) {
            return false;
        }
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = socket.startsWith("@");
        if (path.length >= SUN_PATH || !(socket.startsWith("/") || abstractName)) {
            LOG.log(System.Logger.Level.WARNING, "NOTIFY_SOCKET {0} is not a usable socket path", socket);
            return false;
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle socketFn = linker.downcallHandle(libc.find("socket").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
            MethodHandle sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(),
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
            MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT));

            MemorySegment addr = arena.allocate(2 + SUN_PATH);
            addr.set(JAVA_SHORT, 0, (short) AF_UNIX);
            for (int i = 0; i < path.length; i++) {
                // An abstract socket's name starts with a NUL byte instead of '@'.
                addr.set(JAVA_BYTE, 2 + i, abstractName && i == 0 ? 0 : path[i]);
            }
            int addrLen = 2 + path.length + (abstractName ? 0 : 1);
            byte[] msg = state.getBytes(StandardCharsets.UTF_8);
            MemorySegment buf = arena.allocate(msg.length);
            MemorySegment.copy(msg, 0, buf, JAVA_BYTE, 0, msg.length);

            int fd = (int) socketFn.invokeExact(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                LOG.log(System.Logger.Level.WARNING, "sd_notify: socket() failed");
                return false;
            }
            try {
                long sent = (long) sendto.invokeExact(fd, buf, (long) msg.length, 0, addr, addrLen);
                if (sent != msg.length) {
                    LOG.log(System.Logger.Level.WARNING, "sd_notify: sendto {0} failed", socket);
                    return false;
                }
                return true;
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "sd_notify to {0} failed: {1}", socket, e.toString());
            return false;
        }
    }
}
