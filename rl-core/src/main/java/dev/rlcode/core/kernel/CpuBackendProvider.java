package dev.rlcode.core.kernel;

import jdk.incubator.vector.FloatVector;

/** The {@code cpu} {@link BackendProvider}: always available; creates {@link CpuBackend#auto()}. */
public final class CpuBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "cpu";
    }

    /**
     * {@return available, naming the kernels {@link #create()} will run (e.g. {@code cpu-simd-512} when
     * {@code -Drl.vectorBits=512} overrides a 256-bit CPU); unavailable when the {@code rl.kernels} or
     * {@code rl.vectorBits} property has a bad value}
     */
    @Override
    public Availability probe() {
        try (CpuBackend be = CpuBackend.auto()) {
            return Availability.available("host CPU, " + be.name() + " (preferred vector width "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits)", false);
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    @Override
    public Backend create() {
        return CpuBackend.auto();
    }
}
