package dev.rlcode.gpu.cuda;

import dev.rlcode.gpu.KernelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Build step: writes {@link KernelSource} as CUDA C to the file named by {@code args[0]} (for nvcc -ptx). */
public final class CudaSourceMain {

    private CudaSourceMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CudaSourceMain OUTPUT.cu");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, KernelSource.emit(KernelSource.Dialect.CUDA, true));
    }
}
