package org.stoxgw.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown once, after reading everything, when the configuration has at least one problem. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.size() + " configuration problem(s):\n  "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  "));
    }
}
