package org.stoxgw.mapping.media;

import java.util.ArrayList;
import java.util.List;

/** Splitting without regular expressions (SDP is split a dozen times per line; measured in docs/DECISIONS.md "Calls"). */
final class Words {
    private Words() {
    }

    /** {@code s} split on runs of spaces, ignoring leading and trailing ones; at most {@code limit} pieces if positive. */
    static String[] split(String s, int limit) {
        return split(s, ' ', limit);
    }

    /** {@code s} split on runs of {@code sep}; the last piece keeps the rest when {@code limit} is reached. */
    static String[] split(String s, char sep, int limit) {
        List<String> out = new ArrayList<>(8);
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == sep) {
                i++;
            }
            if (i == n) {
                break;
            }
            if (limit > 0 && out.size() == limit - 1) {
                int end = n;
                while (end > i && s.charAt(end - 1) == sep) {
                    end--;
                }
                out.add(s.substring(i, end));
                break;
            }
            int start = i;
            while (i < n && s.charAt(i) != sep) {
                i++;
            }
            out.add(s.substring(start, i));
        }
        return out.toArray(new String[0]);
    }

    /** The lines of {@code s} (CRLF or LF), without trailing empty lines. */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>(32);
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == '\n') {
                int end = i > start && s.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(s.substring(start, end));
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(s.substring(start));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
