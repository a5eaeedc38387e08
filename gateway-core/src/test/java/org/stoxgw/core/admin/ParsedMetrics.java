package org.stoxgw.core.admin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.stoxgw.testfixtures.peers.Peers;

/**
 * A scrape as the Prometheus project's parser understood it (python3-prometheus-client, run as
 * {@code /usr/bin/python3 parse_metrics.py}): families with their type and samples. Not string matching:
 * a scrape that does not parse throws.
 */
final class ParsedMetrics {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path CLIENT = Path.of("/usr/lib/python3/dist-packages/prometheus_client");

    /** One sample: its full name (with _total, _bucket...), labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family. */
    record Family(String name, String type, List<Sample> samples) {
    }

    private final Map<String, Family> families;

    private ParsedMetrics(Map<String, Family> families) {
        this.families = families;
    }

    static void requireParser() {
        Peers.require(PYTHON, "python3");
        if (!Files.isDirectory(CLIENT)) {
            Peers.require("/usr/lib/python3/dist-packages/prometheus_client/__missing__", "python3-prometheus-client");
        }
    }

    /** Parses {@code text} as OpenMetrics ({@code openMetrics}) or Prometheus text format 0.0.4. */
    static ParsedMetrics parse(String text, boolean openMetrics) {
        try {
            Path script = Files.createTempFile("parse_metrics", ".py");
            try (InputStream in = ParsedMetrics.class.getResourceAsStream("/admin/parse_metrics.py")) {
                Files.write(script, in.readAllBytes());
            }
            Process p = new ProcessBuilder(PYTHON, script.toString(), openMetrics ? "openmetrics" : "prometheus").start();
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("the Prometheus parser refused the scrape: "
                        + new String(err, StandardCharsets.UTF_8) + "\n--- scrape:\n" + text);
            }
            Files.deleteIfExists(script);
            Map<String, Family> fams = new LinkedHashMap<>();
            for (JsonElement e : JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonArray()) {
                JsonObject f = e.getAsJsonObject();
                List<Sample> samples = new ArrayList<>();
                for (JsonElement s : f.getAsJsonArray("samples")) {
                    JsonObject so = s.getAsJsonObject();
                    Map<String, String> labels = new LinkedHashMap<>();
                    so.getAsJsonObject("labels").entrySet().forEach(l -> labels.put(l.getKey(), l.getValue().getAsString()));
                    samples.add(new Sample(so.get("name").getAsString(), labels, so.get("value").getAsDouble()));
                }
                fams.put(f.get("name").getAsString(), new Family(f.get("name").getAsString(), f.get("type").getAsString(), samples));
            }
            return new ParsedMetrics(fams);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Optional<Family> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    Map<String, Family> families() {
        return families;
    }

    /**
     * The value of the sample {@code sampleName} whose labels include {@code labels} (pairs), 0 when none:
     * a counter that never moved may not have been written yet.
     */
    double value(String sampleName, String... labels) {
        for (Family f : families.values()) {
            for (Sample s : f.samples()) {
                if (s.name().equals(sampleName) && matches(s.labels(), labels)) {
                    return s.value();
                }
            }
        }
        return 0;
    }

    /** The family's type as the parser read it (counter, gauge, histogram...). */
    String type(String family) {
        Family f = families.get(family);
        if (f == null) {
            throw new AssertionError("no metric family " + family + " in " + families.keySet());
        }
        return f.type();
    }

    private static boolean matches(Map<String, String> have, String... want) {
        for (int i = 0; i + 1 < want.length; i += 2) {
            if (!want[i + 1].equals(have.get(want[i]))) {
                return false;
            }
        }
        return true;
    }
}
