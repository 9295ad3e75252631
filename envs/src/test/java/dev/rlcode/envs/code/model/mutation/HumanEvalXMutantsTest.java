package dev.rlcode.envs.code.model.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.HumanEvalXLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Mutant census on the first HumanEval-X tasks through the sandbox (the dataset is read from ../shared when present). */
@Tag("slow")
class HumanEvalXMutantsTest {

    @Test
    void firstTasksYieldShallowAndDeepFaults() {
        Path file = Path.of("").toAbsolutePath();
        while (file != null && !Files.exists(file.resolve("shared/datasets/humaneval-x-java/humaneval_java.jsonl.gz"))) {
            file = file.getParent();
        }
        Assumptions.assumeTrue(file != null, "HumanEval-X not found under a parent's shared/datasets");
        List<CodeTask> tasks = HumanEvalXLoader.load(file.resolve("shared/datasets/humaneval-x-java/humaneval_java.jsonl.gz"));
        int shallow = 0;
        int deep = 0;
        List<FaultCatalog> catalogs;
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults())) {
            var judge = new SandboxJudge(sandbox, SandboxJudge.DEFAULT_TIMEOUT, 8);
            catalogs = new FaultCatalogs(judge, 40, 1, null).catalogs(tasks.subList(0, 6), 2, c -> { });
        }
        for (int i = 0; i < catalogs.size(); i++) {
            CodeTask t = tasks.get(i);
            FaultCatalog c = catalogs.get(i);
            System.out.printf("%s: generated=%d judged=%d uncompilable=%d equivalent=%d shallow=%d deep=%d%n", t.id(),
                    c.generated(), c.judged(), c.uncompilable(), c.equivalent(), c.shallow().size(), c.deep().size());
            assertEquals(c.judged(), c.uncompilable() + c.equivalent() + c.faults().size());
            assertFalse(c.faults().isEmpty(), t.id());
            shallow += c.shallow().size();
            deep += c.deep().size();
        }
        assertFalse(shallow == 0 || deep == 0, "shallow=" + shallow + " deep=" + deep);
    }
}
