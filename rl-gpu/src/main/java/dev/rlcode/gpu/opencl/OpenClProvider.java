package dev.rlcode.gpu.opencl;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider;
import dev.rlcode.gpu.NativeSignals;

/** The {@code opencl} {@link BackendProvider}. */
public final class OpenClProvider implements BackendProvider {

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public Availability probe() {
        return NativeSignals.guarded("OpenCL probe", this::probeUnguarded);
    }

    private Availability probeUnguarded() {
        try {
            ClDevice d = ClDevice.choose(OpenCl.get());
            return Availability.available(d.describe(), d.gpu());
        } catch (RuntimeException | LinkageError t) { // never throws: any failure is a reason
            return Availability.unavailable(t.getMessage() == null ? t.toString() : t.getMessage());
        }
    }

    @Override
    public Backend create() {
        return OpenClBackend.create();
    }
}
