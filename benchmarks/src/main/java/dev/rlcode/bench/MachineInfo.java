package dev.rlcode.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;

/** What a benchmark result depends on: CPU, SIMD flags, JDK, Vector API species, JVM flags and the load. */
final class MachineInfo {

    private MachineInfo() {}

    /** {@return markdown bullet lines describing this machine and JVM} */
    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        String cpuinfo = read("/proc/cpuinfo");
        String model = field(cpuinfo, "model name");
        String flags = " " + field(cpuinfo, "flags") + " ";
        lines.add("CPU: " + (model.isEmpty() ? System.getProperty("os.arch") : model)
                + (field(cpuinfo, "cpu family").isEmpty() ? "" : " (family " + field(cpuinfo, "cpu family")
                + ", model " + field(cpuinfo, "model") + ")")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
        if (!flags.isBlank()) {
            lines.add("SIMD flags (/proc/cpuinfo): avx2 " + yesNo(flags, "avx2") + ", fma " + yesNo(flags, "fma")
                    + ", avx512f " + yesNo(flags, "avx512f"));
        }
        lines.add("JDK: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " ("
                + System.getProperty("java.vendor") + ")");
        lines.add("Vector API preferred species: " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bit, "
                + FloatVector.SPECIES_PREFERRED.length() + " float lanes");
        lines.add("JVM flags: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        lines.add("load average at start (1/5/15 min): " + loadAverage());
        return lines;
    }

    /** {@return the 1, 5 and 15 minute load averages, or "n/a"} */
    static String loadAverage() {
        String s = read("/proc/loadavg").trim();
        if (s.isEmpty()) return "n/a";
        String[] p = s.split("\\s+");
        return p.length >= 3 ? p[0] + " / " + p[1] + " / " + p[2] : s;
    }

    private static String yesNo(String flags, String flag) {
        return flags.contains(" " + flag + " ") ? "yes" : "no";
    }

    /** {@return the value of the first {@code key : value} line, or ""} */
    private static String field(String text, String key) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(colon + 1).trim();
        }
        return "";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return "";
        }
    }
}
