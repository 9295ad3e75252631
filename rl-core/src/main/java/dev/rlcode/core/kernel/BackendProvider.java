package dev.rlcode.core.kernel;

import java.util.Objects;

/**
 * A kind of {@link Backend} found through {@link java.util.ServiceLoader}: {@code cpu} here in rl-core, {@code opencl}
 * and {@code cuda} in module {@code rl-gpu}. The selector ({@code dev.rlcode.gpu.Backends}) asks each provider's
 * {@link #probe()} and creates the chosen one.
 */
public interface BackendProvider {

    /** {@return the name used on the command line and in {@code -Drl.backend}: {@code cpu}, {@code opencl}, {@code cuda}} */
    String name();

    /**
     * {@return whether this backend can run on this machine, and if not, why}. Never throws: a missing library, a
     * missing driver or device, or any failure while looking are reported as {@link Availability#unavailable}.
     * May be slow the first time (loading a driver), cheap afterwards.
     */
    Availability probe();

    /**
     * {@return a new backend of this kind}
     *
     * @throws IllegalStateException if {@link #probe()} reports unavailable (the message carries the reason)
     */
    Backend create();

    /**
     * The outcome of a {@link #probe()}.
     *
     * @param available whether {@link #create()} can succeed
     * @param gpu       whether the backend would run on a GPU (what {@code auto} prefers)
     * @param detail    the device when available (e.g. {@code NVIDIA H100 80GB HBM3}), else the reason it is not
     */
    record Availability(boolean available, boolean gpu, String detail) {

        public Availability {
            Objects.requireNonNull(detail, "detail");
        }

        /** {@return an available outcome on {@code device}} */
        public static Availability available(String device, boolean gpu) {
            return new Availability(true, gpu, device);
        }

        /** {@return an unavailable outcome with its {@code reason}} */
        public static Availability unavailable(String reason) {
            return new Availability(false, false, reason);
        }

        /** {@return the reason it is unavailable, or the empty string when available} */
        public String reason() {
            return available ? "" : detail;
        }

        /** {@return {@code available (device)} or {@code unavailable: reason}} */
        @Override
        public String toString() {
            return available ? "available (" + detail + ")" : "unavailable: " + detail;
        }
    }
}
