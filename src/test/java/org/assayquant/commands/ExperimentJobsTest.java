package org.assayquant.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The job record is read back exactly (paths, messages and log lines go through it into the experiment's output). */
class ExperimentJobsTest {
    @Test
    void recordReadsBackExactly() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("out", "/data/my blot: 1 = 2 #3 !4\\5");
        m.put("log.1", "  leading and trailing spaces  ");
        m.put("log.2", "line\nbreak\r\ttab\fform");
        m.put("error", "Ünïcödé \u202Ebidi\u202C \uD83E\uDDEA emoji, comma");
        m.put("option.x", "");
        m.put("key with spaces=and:colons", "v");
        Properties p = new Properties();
        p.load(new StringReader(ExperimentJobs.properties(m)));
        assertEquals(m.size(), p.size());
        for (Map.Entry<String, String> e : m.entrySet()) assertEquals(e.getValue(), p.getProperty(e.getKey()), e.getKey());
    }
}
