package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each wither changes exactly its own components and validates the copy like the constructor does. */
class SandboxConfigTest {

    @Test
    void eachWitherChangesOnlyItsComponents() throws Exception {
        SandboxConfig base = SandboxConfig.defaults();
        Map<String, UnaryOperator<SandboxConfig>> withers = Map.ofEntries(
                Map.entry("slots", c -> c.withSlots(c.slots() + 3)),
                Map.entry("compileWorkers", c -> c.withCompileWorkers(c.compileWorkers() + 2)),
                Map.entry("compileTimeout", c -> c.withCompileTimeout(Duration.ofSeconds(77))),
                Map.entry("outputLimitBytes", c -> c.withOutputLimitBytes(4096)),
                Map.entry("cache,cacheDir", c -> c.withCache(!c.cache(), Path.of("/tmp/x"))),
                Map.entry("runtimeDir", c -> c.withRuntimeDir(Path.of("/tmp/rt"))),
                Map.entry("scan,jlinkRuntime,osSandbox,seccomp,rlimits", c -> c.withLayers(false, false, false, false,
                        false)),
                Map.entry("slotUidBase", c -> c.withSlotUidBase(c.slotUidBase() + 100)),
                Map.entry("cacheMaxBytes", c -> c.withCacheMaxBytes(123_456)),
                Map.entry("cgroups", c -> c.withCgroups(!c.cgroups())),
                Map.entry("prespawn", c -> c.withPrespawn(!c.prespawn())));
        for (var w : withers.entrySet()) {
            Set<String> changed = Set.of(w.getKey().split(","));
            SandboxConfig copy = w.getValue().apply(base);
            Map<String, Object> before = components(base);
            Map<String, Object> after = components(copy);
            for (String name : before.keySet()) {
                if (changed.contains(name)) {
                    assertEquals(false, before.get(name).equals(after.get(name)), w.getKey() + " must change " + name);
                } else {
                    assertEquals(before.get(name), after.get(name), w.getKey() + " must leave " + name);
                }
            }
        }
    }

    @Test
    void withersValidateLikeTheConstructor() {
        SandboxConfig base = SandboxConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> base.withSlots(0));
        assertThrows(IllegalArgumentException.class, () -> base.withCompileTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> base.withCacheMaxBytes(10));
    }

    private static Map<String, Object> components(SandboxConfig c) throws Exception {
        Map<String, Object> out = new TreeMap<>();
        for (RecordComponent rc : SandboxConfig.class.getRecordComponents()) {
            Object v = rc.getAccessor().invoke(c);
            out.put(rc.getName(), v == null ? "null" : v);
        }
        return out;
    }
}
