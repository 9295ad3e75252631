package dev.rlcode.envs.code.task;

import dev.rlcode.envs.code.sandbox.TestStyle;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One programming task: a prompt, the stub to fill in, visible example tests and hidden thorough tests.
 *
 * <p>For {@link TestStyle#TEST_METHODS} tasks (the bundled suite) the solution is a public class
 * {@link #solutionClassName()} in the unnamed package with a static method {@link #entryPoint()}; the visible and
 * hidden tests are separate classes ({@link #visibleTestClassName()}, {@link #hiddenTestClassName()}) whose
 * {@code public static void testXxx()} methods are one case each. For {@link TestStyle#MAIN} tasks (HumanEval-X) the
 * program is {@code solution + "\n" + tests} in one unit and both test classes are {@code Main}.
 *
 * <p>Visible tests are the prompt's examples (2-3 cases, possibly none for external data); hidden tests cover edge
 * cases, and {@link #knowledgeNoteIds()} point at the notes (see {@link KnowledgeNote}) that name the non-obvious fact
 * those edge cases need.
 *
 * @param id                  unique id, e.g. {@code easy-reverse-words} or {@code Java/0}
 * @param tier                difficulty tier, {@link Tier#NONE} for external datasets
 * @param prompt              the natural-language task with the signature to implement and examples
 * @param entryPoint          {@code Class.method}, e.g. {@code Median.median}
 * @param declaration         a compilable stub: the solution class with the signature and a throwing body
 * @param visibleTests        test source shown to the coder (may be empty only when the dataset has no examples)
 * @param hiddenTests         test source used to judge success, non-empty
 * @param style               how the tests run
 * @param referenceSolution   full Java source of a correct solution class, when known
 * @param knowledgeNoteIds    ids into the notes corpus, possibly empty
 * @param solutionClassName   the class the solution must declare (the part of {@code entryPoint} before the dot)
 * @param visibleTestClassName the class declared by {@code visibleTests}
 * @param hiddenTestClassName the class declared by {@code hiddenTests}
 */
public record CodeTask(String id, Tier tier, String prompt, String entryPoint, String declaration,
                       String visibleTests, String hiddenTests, TestStyle style, Optional<String> referenceSolution,
                       List<String> knowledgeNoteIds, String solutionClassName, String visibleTestClassName,
                       String hiddenTestClassName) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /**
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if a required string is blank, {@code entryPoint} is not
     *                                  {@code Class.method}, its class differs from {@code solutionClassName}, or a
     *                                  class name is not a Java identifier
     */
    public CodeTask {
        requireNonBlank(id, "id");
        Objects.requireNonNull(tier, "tier");
        requireNonBlank(prompt, "prompt");
        requireNonBlank(entryPoint, "entryPoint");
        requireNonBlank(declaration, "declaration");
        Objects.requireNonNull(visibleTests, "visibleTests");
        requireNonBlank(hiddenTests, "hiddenTests");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(referenceSolution, "referenceSolution");
        referenceSolution.ifPresent(s -> requireNonBlank(s, "referenceSolution"));
        knowledgeNoteIds = List.copyOf(knowledgeNoteIds);
        requireIdentifier(solutionClassName, "solutionClassName");
        requireIdentifier(visibleTestClassName, "visibleTestClassName");
        requireIdentifier(hiddenTestClassName, "hiddenTestClassName");
        int dot = entryPoint.indexOf('.');
        if (dot < 0 || !IDENTIFIER.matcher(entryPoint.substring(dot + 1)).matches()) {
            throw new IllegalArgumentException("entryPoint: expected Class.method, actual '" + entryPoint + "'");
        }
        if (!entryPoint.substring(0, dot).equals(solutionClassName)) {
            throw new IllegalArgumentException("entryPoint: expected class " + solutionClassName + ", actual '"
                    + entryPoint + "'");
        }
        if (visibleTests.isBlank() && tier != Tier.NONE) {
            throw new IllegalArgumentException("visibleTests: expected non-empty for tier " + tier + ", actual empty");
        }
    }

    /** {@return the method part of {@link #entryPoint()}, e.g. {@code median}} */
    public String methodName() {
        return entryPoint.substring(entryPoint.indexOf('.') + 1);
    }

    /** {@return whether the task has visible example tests} */
    public boolean hasVisibleTests() {
        return !visibleTests.isBlank();
    }

    /** {@return a copy with another prompt (e.g. one extended with retrieved notes)} */
    public CodeTask withPrompt(String newPrompt) {
        return new CodeTask(id, tier, newPrompt, entryPoint, declaration, visibleTests, hiddenTests, style,
                referenceSolution, knowledgeNoteIds, solutionClassName, visibleTestClassName, hiddenTestClassName);
    }

    static void requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + ": expected a non-empty string, actual blank");
        }
    }

    static void requireIdentifier(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": expected a Java identifier, actual '" + value + "'");
        }
    }

    static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }
}
