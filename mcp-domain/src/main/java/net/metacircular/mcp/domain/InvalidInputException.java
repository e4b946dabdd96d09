package net.metacircular.mcp.domain;

import java.util.List;
import java.util.stream.Collectors;

/** Operator input that failed validation; carries every problem found, not just the first. */
public final class InvalidInputException extends McpException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    /** The problems, in document order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("'problems' must not be empty");
        }
        return problems.size() == 1
                ? problems.getFirst().toString()
                : problems.size() + " problems:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
