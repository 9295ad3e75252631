package dev.rlcode.gpu.cuda;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider;
import dev.rlcode.gpu.NativeSignals;
import java.util.ArrayList;
import java.util.List;

/** The {@code cuda} {@link BackendProvider}. */
public final class CudaProvider implements BackendProvider {

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public Availability probe() {
        return NativeSignals.guarded("CUDA probe", this::probeUnguarded);
    }

    private Availability probeUnguarded() {
        try {
            Cuda cu = Cuda.get();
            int dev = cu.device(0);
            if (!CudaBackend.hasPtx()) {
                List<String> tried = new ArrayList<>();
                if (Cuda.nvrtc(tried) == null) return Availability.unavailable(CudaBackend.noImageReason(tried));
            }
            int[] cc = cu.computeCapability(dev);
            int driver = cu.driverVersion();
            String reason = CudaBackend.refusal(cc, driver);
            if (reason != null) return Availability.unavailable(cu.deviceName(dev) + ": " + reason);
            return Availability.available(cu.deviceName(dev) + ", sm_" + cc[0] + cc[1] + ", driver "
                    + PtxVersion.driver(driver), true);
        } catch (RuntimeException | LinkageError t) { // never throws: any failure is a reason
            return Availability.unavailable(t.getMessage() == null ? t.toString() : t.getMessage());
        }
    }

    @Override
    public Backend create() {
        return CudaBackend.create();
    }
}
