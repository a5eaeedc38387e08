package org.stoxgw.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the settings code has read so far (known keys, open maps) and the problems found. Shared by
 * all {@link ConfigReader}s of one load; list items get a child state with their own known keys.
 */
final class ReadState {
    private final Set<String> known = new HashSet<>();
    private final Set<String> prefixes = new HashSet<>();
    private final Set<String> open = new HashSet<>();
    private final List<ConfigProblem> problems;

    ReadState() {
        this(new ArrayList<>());
    }

    private ReadState(List<ConfigProblem> problems) {
        this.problems = problems;
    }

    ReadState forItem() {
        return new ReadState(problems);
    }

    void markKnown(String path) {
        known.add(path);
    }

    void markKnownPrefix(String path) {
        prefixes.add(path);
    }

    void markOpen(String path) {
        open.add(path);
    }

    void add(ConfigProblem p) {
        problems.add(p);
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    Set<String> known() {
        return known;
    }

    boolean isKnown(String path) {
        if (known.contains(path)) {
            return true;
        }
        for (String o : open) {
            if (path.equals(o) || path.startsWith(o + ".")) {
                return true;
            }
        }
        return false;
    }

    /** " (did you mean 'x'?)" for the closest known sibling key, or "" when none is close. */
    String suggest(String path) {
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot + 1);
        String leaf = path.substring(dot + 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        Set<String> candidates = new HashSet<>(known);
        candidates.addAll(prefixes);
        for (String k : candidates) {
            if (!k.startsWith(parent) || k.indexOf('.', parent.length()) >= 0) {
                continue;
            }
            int d = distance(leaf, k.substring(parent.length()));
            if (d < bestDistance) {
                bestDistance = d;
                best = k.substring(parent.length());
            }
        }
        boolean close = best != null && bestDistance <= Math.max(2, leaf.length() / 3);
        return close ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
