package dev.rlcode.gpu;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider;
import dev.rlcode.core.kernel.BackendProvider.Availability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds backends through {@link ServiceLoader} and picks one: {@code cpu}, {@code opencl}, {@code cuda}, or
 * {@code auto} (CUDA if available, else OpenCL on a GPU device, else the CPU). The default choice is the system
 * property {@value #PROPERTY}, else {@code auto}. Asking for an unavailable backend by name is the only error
 * ({@code auto} also skips a GPU backend that probed available but then failed to start).
 *
 * {@snippet :
 * try (Backend be = Backends.create(Backends.fromProperty())) {
 *     System.out.println(be.name());
 * }
 * }
 */
public final class Backends {

    /** System property holding the default choice. */
    public static final String PROPERTY = "rl.backend";

    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    private Backends() {}

    /** A provider and what its probe said. */
    public record Probed(BackendProvider provider, Availability availability) {}

    /** {@return every provider on the class path by name, in order cpu, opencl, cuda, then any others} */
    public static Map<String, BackendProvider> providers() {
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(found::add);
        for (String known : List.of("cpu", "opencl", "cuda")) {
            for (BackendProvider p : found) if (p.name().equals(known)) byName.putIfAbsent(known, p);
        }
        for (BackendProvider p : found) byName.putIfAbsent(p.name(), p);
        return byName;
    }

    /** {@return each provider with its probe result} */
    public static List<Probed> probeAll() {
        List<Probed> out = new ArrayList<>();
        for (BackendProvider p : providers().values()) out.add(new Probed(p, p.probe()));
        return out;
    }

    /** {@return the value of {@value #PROPERTY}, or {@code auto}} */
    public static String fromProperty() {
        return System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the provider {@code choice} names; for {@code auto}: CUDA, else OpenCL on a GPU, else CPU, by the
     * probes alone} {@link #create(String)} with {@code auto} may still skip a backend that probed available but
     * fails to start; {@link #createAuto(List)} says which backend {@code auto} really gets.
     *
     * @throws IllegalArgumentException if no provider has that name (the message lists the names)
     * @throws IllegalStateException    if the named backend is unavailable (the message gives the reason)
     */
    public static BackendProvider select(String choice) {
        String c = choice.trim().toLowerCase(Locale.ROOT);
        Map<String, BackendProvider> all = providers();
        if (c.equals("auto")) {
            for (String name : List.of("cuda", "opencl")) {
                BackendProvider p = all.get(name);
                if (p == null) continue;
                Availability a = p.probe();
                if (a.available() && a.gpu()) return p;
                LOG.log(System.Logger.Level.DEBUG, "auto: skipping {0}: {1}", name, a);
            }
            BackendProvider cpu = all.get("cpu");
            if (cpu == null) throw new IllegalStateException("no cpu backend provider on the class path");
            return cpu;
        }
        BackendProvider p = all.get(c);
        if (p == null) {
            throw new IllegalArgumentException("backend: expected auto or one of " + all.keySet() + ", actual \""
                    + choice + "\"");
        }
        Availability a = p.probe();
        if (!a.available()) throw new IllegalStateException("backend " + c + " is unavailable: " + a.reason());
        return p;
    }

    /**
     * {@return a new backend for {@code choice}; logs which one was chosen}
     *
     * @throws IllegalArgumentException if no provider has that name
     * @throws IllegalStateException    if the named backend is unavailable
     */
    public static Backend create(String choice) {
        if (choice.trim().equalsIgnoreCase("auto")) return createAuto(providers());
        BackendProvider p = select(choice);
        Backend be = p.create();
        LOG.log(System.Logger.Level.INFO, "backend {0} (asked for {1})", be.name(), choice);
        return be;
    }

    /**
     * {@code auto}: the first GPU backend whose probe says available and that then starts, else the CPU. A probe
     * cannot see everything creation needs (a driver that cannot load the kernels, a device busy in exclusive
     * mode or out of memory), so a backend that fails to start is logged and skipped, not an error.
     */
    static Backend createAuto(Map<String, BackendProvider> all) {
        return createAuto(all, new ArrayList<>());
    }

    /**
     * {@return the backend {@code auto} gets (as {@link #create(String)} with {@code auto})}
     *
     * @param startFailures receives one line per GPU backend that probed available but failed to start
     *                      ({@code "cuda: <why>"}), in the order tried
     */
    public static Backend createAuto(List<String> startFailures) {
        return createAuto(providers(), startFailures);
    }

    static Backend createAuto(Map<String, BackendProvider> all, List<String> startFailures) {
        for (String name : List.of("cuda", "opencl")) {
            BackendProvider p = all.get(name);
            if (p == null) continue;
            Availability a = p.probe();
            if (!(a.available() && a.gpu())) {
                LOG.log(System.Logger.Level.DEBUG, "auto: skipping {0}: {1}", name, a);
                continue;
            }
            try {
                Backend be = p.create();
                LOG.log(System.Logger.Level.INFO, "backend {0} (asked for auto)", be.name());
                return be;
            } catch (RuntimeException e) {
                startFailures.add(name + ": " + e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "auto: {0} probed available but failed to start ({1}); "
                        + "trying the next backend", name, e.getMessage());
            }
        }
        BackendProvider cpu = all.get("cpu");
        if (cpu == null) throw new IllegalStateException("no cpu backend provider on the class path");
        Backend be = cpu.create();
        LOG.log(System.Logger.Level.INFO, "backend {0} (asked for auto)", be.name());
        return be;
    }
}
