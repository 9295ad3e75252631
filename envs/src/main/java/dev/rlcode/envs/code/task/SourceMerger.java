package dev.rlcode.envs.code.task;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Merges several Java compilation units of the unnamed package into one, in the format
 * {@link CompositeTask} documents: imports hoisted and de-duplicated, {@code package} lines dropped, every top-level
 * type of every unit but the last made package-private, the last unit's top-level types left as they are.
 *
 * <p>Top-level declarations are recognised textually: a line that starts (no indentation) with {@code public} and a
 * type keyword. Formatted sources (as the bundled suite and most code models write them) satisfy this.
 */
public final class SourceMerger {

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*$");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+[\\w.]+\\s*;\\s*$");
    private static final Pattern PUBLIC_TOP_LEVEL = Pattern.compile(
            "^public\\s+((?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\b)");

    private SourceMerger() {
    }

    /**
     * Merges compilation units into one.
     *
     * @param sources the units, the primary (public) one last; not modified
     * @return one compilation unit: imports, then the bodies of {@code sources} in order
     * @throws IllegalArgumentException if {@code sources} is empty
     */
    public static String merge(List<String> sources) {
        Objects.requireNonNull(sources, "sources");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: expected at least 1, actual 0");
        }
        Set<String> imports = new LinkedHashSet<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            boolean primary = i == sources.size() - 1;
            StringBuilder body = new StringBuilder();
            for (String line : sources.get(i).split("\n", -1)) {
                String stripped = line.strip();
                if (IMPORT.matcher(stripped).matches()) {
                    imports.add(stripped);
                } else if (PACKAGE.matcher(stripped).matches()) {
                    continue;
                } else {
                    String out = primary ? line : PUBLIC_TOP_LEVEL.matcher(line).replaceFirst("$1");
                    body.append(out).append('\n');
                }
            }
            bodies.add(body.toString().strip());
        }
        StringBuilder sb = new StringBuilder();
        imports.forEach(imp -> sb.append(imp).append('\n'));
        if (!imports.isEmpty()) {
            sb.append('\n');
        }
        sb.append(String.join("\n\n", bodies)).append('\n');
        return sb.toString();
    }
}
