package dev.rlcode.gpu.cuda;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX ISA version a module declares, and its lowering to the oldest one its target allows.
 *
 * <p>nvcc and NVRTC stamp their PTX with their own ISA version ({@code .version 9.0} from CUDA 13.0), and a driver's
 * JIT refuses PTX newer than its CUDA release with {@code CUDA_ERROR_UNSUPPORTED_PTX_VERSION}: PTX built here by
 * CUDA 13 would not load under a CUDA 12 driver (r525–r575), the kind most GPU machines run. Our kernels use no
 * instruction newer than the ISA their target needs, so the {@code .version} line is lowered to that minimum
 * ({@link #MINIMUM}: 6.3 for {@code sm_75}, CUDA 10.0; 7.8 for {@code sm_90}, CUDA 11.8) before loading.
 * {@code PtxVersionTest} checks with ptxas that each lowered module assembles to the same bytes as the original
 * and that one step lower is refused for its target.
 */
final class PtxVersion {

    /** The oldest PTX ISA version each target of ours accepts, as {major, minor}. */
    static final Map<String, int[]> MINIMUM = Map.of("sm_75", new int[] {6, 3}, "sm_90", new int[] {7, 8});

    /** The CUDA release that introduced each PTX ISA version we ship or may meet (PTX ISA release notes). */
    private static final Map<String, String> CUDA_RELEASE = Map.ofEntries(Map.entry("6.3", "10.0"),
            Map.entry("7.8", "11.8"), Map.entry("8.0", "12.0"), Map.entry("8.1", "12.1"), Map.entry("8.2", "12.2"),
            Map.entry("8.3", "12.3"), Map.entry("8.4", "12.4"), Map.entry("8.5", "12.5"), Map.entry("8.6", "12.7"),
            Map.entry("8.7", "12.8"), Map.entry("8.8", "12.9"), Map.entry("9.0", "13.0"), Map.entry("9.1", "13.1"));

    private static final Pattern VERSION = Pattern.compile("(?m)^[ \\t]*\\.version[ \\t]+(\\d+)\\.(\\d+)[ \\t]*$");
    private static final Pattern TARGET = Pattern.compile("(?m)^[ \\t]*\\.target[ \\t]+(sm_\\w+?)[ \\t]*(?:,.*)?$");

    private PtxVersion() {
    }

    /** {@return the {major, minor} a module's {@code .version} line declares, or null when it has none} */
    static int[] declared(String ptx) {
        Matcher m = VERSION.matcher(ptx);
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    /** {@return the module's {@code .target} architecture (e.g. {@code sm_90}), or null when it has none} */
    static String target(String ptx) {
        Matcher m = TARGET.matcher(ptx);
        return m.find() ? m.group(1) : null;
    }

    /**
     * {@return {@code ptx} with its {@code .version} lowered to the minimum of its target, or unchanged when the
     * target is not one of ours or the module already declares that version or an older one}
     */
    static String lower(String ptx) {
        int[] v = declared(ptx);
        String target = target(ptx);
        int[] min = target == null ? null : MINIMUM.get(target);
        if (v == null || min == null || compare(v, min) <= 0) return ptx;
        Matcher m = VERSION.matcher(ptx);
        m.find();
        return ptx.substring(0, m.start()) + ".version " + min[0] + "." + min[1] + ptx.substring(m.end());
    }

    /** {@return e.g. "PTX ISA 7.8 (CUDA 11.8)"} */
    static String describe(int[] v) {
        String isa = v[0] + "." + v[1];
        String cuda = CUDA_RELEASE.get(isa);
        return "PTX ISA " + isa + (cuda == null ? "" : " (CUDA " + cuda + ")");
    }

    /**
     * {@return the first CUDA release that loads PTX ISA {@code v}, in cuDriverGetVersion's form (7.8 → 11080), or
     * -1 when the table does not know {@code v}}
     */
    static int cudaVersion(int[] v) {
        String cuda = CUDA_RELEASE.get(v[0] + "." + v[1]);
        if (cuda == null) return -1;
        int dot = cuda.indexOf('.');
        return Integer.parseInt(cuda.substring(0, dot)) * 1000 + Integer.parseInt(cuda.substring(dot + 1)) * 10;
    }

    /** {@return a driver version as cuDriverGetVersion reports it (12040) in the form "CUDA 12.4"} */
    static String driver(int version) {
        return "CUDA " + version / 1000 + "." + version % 1000 / 10;
    }

    private static int compare(int[] a, int[] b) {
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }
}
