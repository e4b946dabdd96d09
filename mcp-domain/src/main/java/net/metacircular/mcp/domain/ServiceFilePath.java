package net.metacircular.mcp.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path inside one service's data directory ({@code <srv_dir>/<service>/}), checked as text: relative, no
 * {@code .} or {@code ..} segment, no empty segment, no control character (NUL included), and bounded in length.
 * Whether a segment is a symlink or a hard link is the filesystem adapter's business; this is the part that needs
 * no disk.
 *
 * @param service  the service whose directory holds the file
 * @param segments the path's segments below that directory, at least one
 */
public record ServiceFilePath(String service, List<String> segments) {
    /** The longest path accepted, in UTF-8 bytes. */
    public static final int MAX_PATH_BYTES = 1024;
    /** The longest segment accepted, in UTF-8 bytes (the common filesystem limit). */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** The directory whose files are private by default. */
    public static final String CERTS_DIR = "certs";
    /** The default mode of a pushed file under {@code certs/}. */
    public static final int PRIVATE_MODE = 0600;
    /** The default mode of any other pushed file. */
    public static final int DEFAULT_MODE = 0644;

    public ServiceFilePath {
        Objects.requireNonNull(service, "'service' must not be null");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("'segments' must not be empty");
        }
    }

    /** Parses {@code path} for {@code service}; throws {@link InvalidInputException} with every problem. */
    public static ServiceFilePath parse(String service, String path) {
        List<Problem> problems = problems(service, path);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ServiceFilePath(service, List.of(path.split("/", -1)));
    }

    /** Every problem of {@code service} and {@code path}, with field paths {@code service} and {@code path}. */
    public static List<Problem> problems(String service, String path) {
        List<Problem> problems = new ArrayList<>();
        Names.problem(service).ifPresent(p -> problems.add(new Problem("service", p)));
        if (path == null || path.isEmpty()) {
            problems.add(new Problem("path", "is required"));
            return problems;
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            problems.add(new Problem("path", "is longer than " + MAX_PATH_BYTES + " bytes"));
            return problems;
        }
        if (Text.hasControl(path)) {
            problems.add(new Problem("path", "\"" + Text.quoteSafe(path) + "\" holds a control character"));
        }
        if (path.startsWith("/")) {
            problems.add(new Problem("path", "\"" + Text.quoteSafe(path)
                    + "\" is absolute; give a path relative to the service's directory"));
            return problems;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                problems.add(new Problem("path", "\"" + Text.quoteSafe(path) + "\" has an empty segment (\"//\" or a "
                        + "trailing \"/\")"));
            } else if (segment.equals("..")) {
                problems.add(new Problem("path", "\"" + Text.quoteSafe(path) + "\" contains \"..\"; a file operation "
                        + "stays inside the service's directory"));
            } else if (segment.equals(".")) {
                problems.add(new Problem("path", "\"" + Text.quoteSafe(path) + "\" contains a \".\" segment"));
            } else if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                problems.add(new Problem("path", "has a segment longer than " + MAX_SEGMENT_BYTES + " bytes"));
            }
        }
        return problems.stream().distinct().toList();
    }

    /** The path below the service's directory, as given. */
    public String relative() {
        return String.join("/", segments);
    }

    /** The last segment: the file's name. */
    public String fileName() {
        return segments.getLast();
    }

    /** The segments of the directories between the service's directory and the file. */
    public List<String> parents() {
        return segments.subList(0, segments.size() - 1);
    }

    /** The mode a pushed file gets when none is asked for: 0600 under {@code certs/}, else 0644. */
    public int defaultMode() {
        return segments.size() > 1 && segments.getFirst().equals(CERTS_DIR) ? PRIVATE_MODE : DEFAULT_MODE;
    }

    /** {@code <service>/<path>}, for messages. */
    @Override
    public String toString() {
        return service + "/" + relative();
    }
}
