package dev.rlcode.core.kernel;

import jdk.incubator.vector.FloatVector;

/** The {@code cpu} {@link BackendProvider}: always available; creates {@link CpuBackend#auto()}. */
public final class CpuBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Availability probe() {
        return Availability.available("host CPU, Vector API " + FloatVector.SPECIES_PREFERRED.vectorBitSize()
                + "-bit", false);
    }

    @Override
    public Backend create() {
        return CpuBackend.auto();
    }
}
