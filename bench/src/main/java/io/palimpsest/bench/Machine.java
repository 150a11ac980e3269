package io.palimpsest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the run ran on and how busy it was: cores, memory, load average (as `uptime` shows it), Java. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("time", Instant.now().toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverage", proc("loadavg").trim());
        machine.put("memTotal", proc("meminfo").lines().findFirst().orElse("").replaceAll("\\s+", " "));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static String proc(String file) {
        try {
            return Files.readString(Path.of("/proc", file));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
