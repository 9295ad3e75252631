package dev.rlcode.envs.code.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceMergerTest {

    @Test
    void hoistsImportsAndKeepsOnlyTheLastUnitPublic() {
        String a = "import java.util.List;\n\npublic class A {\n    public static int f() { return 1; }\n}\n";
        String b = "package p;\nimport java.util.List;\nimport java.util.Map;\n\npublic final class B {\n"
                + "    public static class Inner {}\n}\n";
        String top = "import java.util.Map;\n\npublic class Top {\n    public static int g() { return A.f(); }\n}\n";
        String merged = SourceMerger.merge(List.of(a, b, top));
        assertEquals("""
                import java.util.List;
                import java.util.Map;

                class A {
                    public static int f() { return 1; }
                }

                final class B {
                    public static class Inner {}
                }

                public class Top {
                    public static int g() { return A.f(); }
                }
                """, merged);
    }

    @Test
    void rejectsNoSources() {
        assertThrows(IllegalArgumentException.class, () -> SourceMerger.merge(List.of()));
    }
}
