package net.metacircular.mcp.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.metacircular.mcp.adapter.grpc.AuthInterceptor;
import net.metacircular.mcp.application.TokenAuthorizer;
import net.metacircular.mcp.port.out.TokenInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.LoggerFactory;

/**
 * P7 (JMH): what the agent's {@link AuthInterceptor} adds to one unary RPC with a warm token cache: the token's
 * SHA-256, the cache lookup, the caller's context, the forwarding call and the audit line (formatted by Logback as
 * in the agent, written to a null stream), against the same handler called bare.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InterceptorBenchmark {
    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            return "";
        }
    };
    private static final MethodDescriptor<String, String> METHOD = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("mcp.v1.AgentService/ListServices")
            .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();

    private AuthInterceptor interceptor;
    private Metadata headers;
    private final ServerCallHandler<String, String> handler = (call, h) -> {
        call.close(Status.OK, new Metadata());
        return new ServerCall.Listener<>() {
        };
    };

    @Setup
    public void setUp() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logback);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level %logger{24} %msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
        sink.setContext(logback);
        sink.setEncoder(encoder);
        sink.setOutputStream(OutputStream.nullOutputStream());
        sink.start();
        root.addAppender(sink);
        root.setLevel(ch.qos.logback.classic.Level.INFO);

        TokenInfo admin = new TokenInfo(true, "subject", "admin", Set.of("admin"), Instant.now().plus(Duration.ofDays(1)));
        interceptor = new AuthInterceptor(new TokenAuthorizer(token -> admin, InstantSource.system(), Duration.ofSeconds(30)),
                InstantSource.system());
        headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.c2lnbmF0dXJlLW9mLWEtdG9rZW4tb2YtdHlwaWNhbC1sZW5ndGg");
        interceptor.interceptCall(new NullCall(), headers, handler);
    }

    @Benchmark
    public Object bare() {
        return handler.startCall(new NullCall(), headers);
    }

    @Benchmark
    public Object intercepted() {
        return interceptor.interceptCall(new NullCall(), headers, handler);
    }

    /** A server call that goes nowhere. */
    static final class NullCall extends ServerCall<String, String> {
        private boolean closed;

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closed = true;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            return METHOD;
        }

        boolean closed() {
            return closed;
        }
    }
}
