package org.stoxgw.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 8: README's Limits table says what the embedded defaults are; this reads every row
 * and compares its keys' defaults with the reference.conf files the gateway loads, so that the two
 * cannot drift apart again (the table said 64k for a 128k limit).
 */
class ReadmeLimitsTest {
    private static final Pattern KEY = Pattern.compile("`([a-z0-9.-]+)`");

    @Test
    @DisplayName("every default in README's Limits table is the one in reference.conf")
    void limitsTableMatchesReferenceConf() throws Exception {
        Config reference = ConfigFactory.defaultReference();
        List<String> rows = table(Files.readAllLines(Path.of("../README.md")));
        assertTrue(rows.size() >= 10, "the Limits table has its rows: " + rows);
        List<String> wrong = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String keys = cells[2];
            String defaults = cells[3].trim();
            List<String> names = new ArrayList<>();
            Matcher m = KEY.matcher(keys);
            while (m.find()) {
                String k = m.group(1);
                names.add(k.contains(".") ? k : names.get(0).substring(0, names.get(0).lastIndexOf('.') + 1) + k);
            }
            List<String> values = new ArrayList<>();
            for (String v : defaults.split("[,()]")) {
                if (!v.isBlank()) {
                    values.add(v.trim().replaceAll("/s$", ""));
                }
            }
            if (names.size() != values.size()) {
                wrong.add(row + ": " + names.size() + " keys, " + values.size() + " defaults");
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                String actual = reference.hasPath(names.get(i)) ? reference.getValue(names.get(i)).unwrapped().toString() : "(no such key)";
                if (!actual.equals(values.get(i))) {
                    wrong.add(names.get(i) + ": README says " + values.get(i) + ", reference.conf " + actual);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The data rows of the table under "### Limits". */
    private static List<String> table(List<String> readme) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : readme) {
            if (line.startsWith("#")) {
                in = line.equals("### Limits");
            } else if (in && line.startsWith("| ") && !line.startsWith("| Limit ")) {
                rows.add(line);
            }
        }
        return rows;
    }
}
